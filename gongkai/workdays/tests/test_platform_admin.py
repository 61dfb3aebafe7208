"""Issue 12 item 8: the working-day calendar is national. Only a platform administrator (is_superuser,
granted with `gongkai platform_admin grant`) may change or announce it — an agency's 系统管理员 may
not — and its audit events are shown to the administrators of every agency."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from gongkai.accounts.roles import Role
from gongkai.core import selectors as core_selectors
from gongkai.core.errors import PermissionDenied
from gongkai.core.models import AuditEvent
from gongkai.workdays import services
from gongkai.workdays.models import SpecialDay

pytestmark = pytest.mark.django_db


def test_agency_administrator_cannot_change_the_calendar(agency_admin):
    with pytest.raises(PermissionDenied, match="只有平台管理员"):
        services.add_special_day(actor=agency_admin, on=date(2027, 2, 20), kind="makeup_workday", name="春节")
    with pytest.raises(PermissionDenied, match="只有平台管理员"):
        services.mark_year_announced(actor=agency_admin, year=2026, source_note="通知")
    assert (
        SpecialDay.objects.count() == 0
        and AuditEvent.objects.filter(verb__startswith="workdays.").count() == 0
    )


def test_agency_administrator_gets_403_and_no_forms(staff_client, agency_admin):
    client = staff_client(agency_admin)
    page = client.get("/office/workdays/2027/")
    assert page.status_code == 200 and "添加一天" not in page.content.decode()
    response = client.post(
        "/office/workdays/2027/days/add/",
        {"day-date": "2027-02-20", "day-kind": "makeup_workday", "day-name": "春节"},
    )
    assert response.status_code == 403
    assert SpecialDay.objects.count() == 0


def test_platform_admin_edits_and_every_agency_sees_the_event(
    staff_client, admin_user, make_user, other_agency
):
    client = staff_client(admin_user)
    response = client.post(
        "/office/workdays/2027/days/add/",
        {"day-date": "2027-02-20", "day-kind": "makeup_workday", "day-name": "春节"},
    )
    assert response.status_code == 302 and SpecialDay.objects.count() == 1
    event = AuditEvent.objects.get(verb="workdays.day_added")
    assert event.agency_id is None
    assert event in core_selectors.audit_events(agency=other_agency)
    assert event in core_selectors.audit_events(agency=admin_user.agency)
    other_admin = make_user(Role.ADMINISTRATOR, agency=other_agency)
    audit_page = staff_client(other_admin).get("/office/audit/")
    assert audit_page.status_code == 200 and "workdays.day_added" in audit_page.content.decode()


def test_platform_admin_command_grants_and_revokes(agency_admin):
    out = StringIO()
    call_command("platform_admin", "grant", agency_admin.username, stdout=out)
    agency_admin.refresh_from_db()
    assert agency_admin.is_superuser is True and "平台管理员" in out.getvalue()
    call_command("platform_admin", "revoke", agency_admin.username, stdout=out)
    agency_admin.refresh_from_db()
    assert agency_admin.is_superuser is False
    assert list(
        AuditEvent.objects.filter(verb__startswith="accounts.platform_admin")
        .order_by("id")
        .values_list("verb", flat=True)
    ) == ["accounts.platform_admin_granted", "accounts.platform_admin_revoked"]
