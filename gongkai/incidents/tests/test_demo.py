import pytest

from gongkai.accounts.roles import Role
from gongkai.incidents import selectors
from gongkai.incidents.demo import load_incidents
from gongkai.incidents.models import Incident


@pytest.mark.django_db
def test_demo_has_one_incident_that_met_its_clocks_one_that_breached_48_hours_and_one_running(
    agency, make_user
):
    users = {"fayanren": make_user(Role.SPOKESPERSON), "lingdao": make_user(Role.APPROVER)}
    load_incidents(agency=agency, users=users)
    load_incidents(agency=agency, users=users)  # idempotent
    serious, ordinary = Incident.objects.filter(status="closed").order_by("first_seen_at")
    assert [r["state"] for r in selectors.compliance_rows(serious)] == ["按时完成", "按时完成"]
    (row,) = selectors.compliance_rows(ordinary)
    assert row["state"] == "超时完成" and row["late_by"] == "2 小时 30 分"
    assert Incident.objects.filter(status="open").count() == 1
    public = list(selectors.public_releases(agency).order_by("published_at"))
    assert [r.published_at.isoformat() for r in public][:1] == ["2026-11-10T03:45:00+00:00"]
    assert public[-1].supersedes is not None
