from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from gongkai.accounts.roles import Role
from gongkai.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from gongkai.foi_requests import services, statistics
from gongkai.foi_requests.models import FoiRequest, RequestEvent
from gongkai.foi_requests.selectors import clock_for, visible_requests
from gongkai.foi_requests.states import next_state

from .conftest import VALID_ID, application

SH = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def office(make_user):
    return make_user(Role.OPENNESS_OFFICE, username="gkb", full_name="林晓")


def submit(agency, **kw):
    return services.submit_application(agency=agency, data=application(**kw))


def test_state_table_refuses_unknown_moves():
    with pytest.raises(InvalidTransition):
        next_state("submitted", "answer")
    assert next_state("awaiting_supplement", "receive_supplement") == "in_progress"


def test_online_application_gets_number_token_and_masked_id(agency):
    r = submit(agency)
    assert r.tracking_number == f"YSQ-{r.submitted_at.astimezone(SH).year}-00001"
    assert len(r.link_token) >= 32 and r.status == "submitted"
    assert r.id_number_masked == "110105********002X" and VALID_ID not in str(
        FoiRequest.objects.values().get()
    )
    assert submit(agency).tracking_number.endswith("00002")


def test_in_person_registration_receives_that_day(agency, office, no_backdate_limit):
    at = datetime(2026, 9, 22, 10, tzinfo=SH)
    r = services.submit_application(
        actor=office, agency=agency, data=application(), channel="in_person", submitted_at=at
    )
    assert r.received_on == date(2026, 9, 22) and r.status == "in_progress"
    assert clock_for(r, date(2026, 9, 22)).answer_due.due == date(2026, 10, 27)


def test_full_flow_with_supplement_extension_and_answer(agency, office, freezer_date):
    # Submitted online on Friday evening, confirmed on Monday: received on the Monday (Art. 31(三)).
    r = services.submit_application(
        agency=agency, data=application(), submitted_at=datetime(2026, 9, 18, 21, tzinfo=SH)
    )
    freezer_date(date(2026, 9, 21))
    services.confirm_receipt(actor=office, foi_request=r)
    r.refresh_from_db()
    assert r.received_on == date(2026, 9, 21) and r.answer_due_on == date(2026, 10, 26)
    services.request_supplement(actor=office, foi_request=r, items="请写明年份", days=10)
    with pytest.raises(ValidationFailed):
        services.request_supplement(actor=office, foi_request=r, items="again", days=10)
    freezer_date(date(2026, 10, 12))
    services.receive_supplement(actor=office, foi_request=r)
    services.extend_deadline(actor=office, foi_request=r, days=10, reason="信息量大")
    with pytest.raises(ValidationFailed):
        services.extend_deadline(actor=office, foi_request=r, days=5, reason="again")
    r.refresh_from_db()
    assert r.answer_due_on == date(2026, 11, 23)  # 20 + 10 working days after 2026-10-12
    services.answer(
        actor=office,
        foi_request=r,
        outcome="disclosed",
        text="现将该名录提供给您。",
        letter_number="榕统依复〔2026〕1号",
    )
    r.refresh_from_db()
    assert (r.status, r.outcome, r.closed_on) == ("closed", "disclosed", date(2026, 10, 12))
    kinds = list(r.events.values_list("kind", flat=True))
    assert kinds == [
        "submitted",
        "confirm_receipt",
        "request_supplement",
        "receive_supplement",
        "extend",
        "answer",
    ]
    assert r.events.get(kind="extend").approved_by == office


def test_only_the_openness_office_extends_and_denied_changes_nothing(agency, make_user, office):
    r = services.submit_application(actor=office, agency=agency, data=application(), channel="in_person")
    drafter = make_user(Role.DRAFTER)
    before = RequestEvent.objects.count()
    with pytest.raises(PermissionDenied):
        services.extend_deadline(actor=drafter, foi_request=r, days=5, reason="x")
    assert RequestEvent.objects.count() == before


def test_other_agency_staff_see_nothing(agency, other_agency, make_user, office):
    r = services.submit_application(actor=office, agency=agency, data=application(), channel="in_person")
    stranger = make_user(Role.OPENNESS_OFFICE, agency=other_agency, department=None, username="other")
    stranger.department.agency = other_agency
    assert not visible_requests(stranger).exists()
    with pytest.raises(NotFound):
        services.withdraw(actor=stranger, foi_request=r, note="x")


def test_clock_job_closes_lapsed_supplement_as_6_1(agency, office, freezer_date):
    freezer_date(date(2026, 9, 22))
    r = services.submit_application(
        actor=office,
        agency=agency,
        data=application(),
        channel="in_person",
        submitted_at=datetime(2026, 9, 22, 9, tzinfo=SH),
    )
    services.request_supplement(actor=office, foi_request=r, items="写明年份", days=10)
    assert services.close_lapsed(date(2026, 10, 13))["supplement"] == 0  # the 10th working day
    assert services.close_lapsed(date(2026, 10, 14))["supplement"] == 1
    r.refresh_from_db()
    assert (r.status, r.outcome) == ("closed", "supplement_lapsed")


def test_table3_balances_and_broken_figure_names_the_cell(agency, office, no_backdate_limit):
    for applicant_type in ("natural_person", "commercial", "legal_services"):
        data = application(applicant_type=applicant_type)
        if applicant_type != "natural_person":
            data.update(id_type="credit_code", id_number="91110000600037341L")
        services.submit_application(
            actor=office,
            agency=agency,
            data=data,
            channel="in_person",
            submitted_at=datetime(2025, 12, 1, 9, tzinfo=SH),
        )
    first = FoiRequest.objects.order_by("id").first()
    services.answer(
        actor=office,
        foi_request=first,
        outcome="not_this_agency",
        text="不属于本机关。",
        on=date(2025, 12, 20),
    )
    table = statistics.checked_table3(agency, 2025)
    assert table.counts[("new", "total")] == 3
    assert table.counts[("4.1", "natural_person")] == 1 and table.counts[("4", "natural_person")] == 1
    assert table.counts[("carried_out", "total")] == 2
    assert statistics.checked_table3(agency, 2026).counts[("carried_in", "total")] == 2
    table.counts[("7", "commercial")] = 1
    with pytest.raises(statistics.Table3CheckFailed) as exc:
        statistics.check_table3(table.counts)
    assert "（七）总计" in exc.value.message and "商业企业" in exc.value.message
