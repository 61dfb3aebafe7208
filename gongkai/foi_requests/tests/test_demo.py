from gongkai.accounts.roles import Role
from gongkai.foi_requests import statistics
from gongkai.foi_requests.demo import load_foi_requests
from gongkai.foi_requests.models import FoiRequest


def test_demo_year_2025_balances_and_is_not_trivial(agency, make_user):
    office = make_user(Role.OPENNESS_OFFICE, username="gongkaiban")
    load_foi_requests(agency=agency, users={"gongkaiban": office})
    table = statistics.checked_table3(agency, 2025)
    assert table.counts[("new", "total")] == 13
    assert table.counts[("7", "total")] == 11 and table.counts[("carried_out", "total")] == 2
    assert table.counts[("6.1", "public_interest")] == 1 and table.counts[("6.2", "commercial")] == 1
    statistics.checked_table3(agency, 2026)
    assert FoiRequest.objects.filter(status="submitted").exists()
    load_foi_requests(agency=agency, users={"gongkaiban": office})  # idempotent
    assert (
        FoiRequest.objects.count()
        == table.counts[("new", "total")]
        + FoiRequest.objects.filter(received_on__year=2026).count()
        + FoiRequest.objects.filter(received_on=None).count()
    )


def test_demo_has_every_clock_story(agency, make_user):
    from datetime import date

    from gongkai.foi_requests.selectors import clock_for, frequently_requested, similar_requests

    office = make_user(Role.OPENNESS_OFFICE, username="gongkaiban")
    load_foi_requests(agency=agency, users={"gongkaiban": office})
    spring = FoiRequest.objects.get(received_on=date(2026, 2, 10))
    clock = clock_for(spring)
    assert clock.answer_due.due == date(2026, 3, 16)
    assert [d.on for d in clock.makeup_days_applied] == [date(2026, 2, 14), date(2026, 2, 28)]
    kinds = set(FoiRequest.objects.filter(agency=agency).values_list("events__kind", flat=True))
    assert {"receive_supplement", "extend", "start_consultation", "fee_paid", "fee_lapsed"} <= kinds
    consulted = FoiRequest.objects.filter(
        events__kind="start_consultation", events__party="third_party"
    ).get()
    assert clock_for(consulted).excluded[0].kind == "third_party"
    supplemented = FoiRequest.objects.filter(events__kind="receive_supplement").first()
    assert clock_for(supplemented).restarted is True
    extended = FoiRequest.objects.filter(events__kind="extend").get()
    assert clock_for(extended).limit == 40
    first = FoiRequest.objects.get(tracking_number="YSQ-2025-00001")
    assert [r.applicant_name for r in similar_requests(first)] == ["黄十"]
    assert frequently_requested(office)[0].applicant_count == 2
