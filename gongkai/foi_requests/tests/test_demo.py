from gongkai.accounts.roles import Role
from gongkai.foi_requests import statistics
from gongkai.foi_requests.demo import load_foi_requests
from gongkai.foi_requests.models import FoiRequest


def test_demo_year_2025_balances_and_is_not_trivial(agency, make_user):
    office = make_user(Role.OPENNESS_OFFICE, username="gongkaiban")
    load_foi_requests(agency=agency, users={"gongkaiban": office})
    table = statistics.checked_table3(agency, 2025)
    assert table.counts[("new", "total")] == 12
    assert table.counts[("7", "total")] == 10 and table.counts[("carried_out", "total")] == 2
    assert table.counts[("6.1", "public_interest")] == 1 and table.counts[("6.2", "commercial")] == 1
    statistics.checked_table3(agency, 2026)
    assert FoiRequest.objects.filter(status="submitted").exists()
    load_foi_requests(agency=agency, users={"gongkaiban": office})  # idempotent
    assert FoiRequest.objects.count() == table.counts[("new", "total")] + FoiRequest.objects.filter(received_on__year=2026).count() + FoiRequest.objects.filter(received_on=None).count()
