"""Every refused attempt at a protected action is audited as `access.denied`, after the refused
transaction has rolled back, and nothing else of the action is kept (issue 11.14)."""

import pytest
from django.test import RequestFactory

from gongkai.accounts.factories import DepartmentFactory
from gongkai.accounts.guard import require
from gongkai.accounts.models import Department
from gongkai.accounts.roles import Role
from gongkai.core.errors import PermissionDenied
from gongkai.core.models import AuditEvent
from gongkai.core.refusals import record_refusal
from gongkai.web.api import domain_error


def refusals():
    return AuditEvent.objects.filter(verb="access.denied").order_by("id")


@pytest.mark.urls("gongkai.web.tests.urls_refusals")
def test_a_guard_refusal_shown_beside_the_form_is_audited_and_the_write_rolled_back(
    staff_client, make_user, agency
):
    drafter = make_user(Role.DRAFTER, username="refused")
    department = DepartmentFactory(agency=agency, name="综合处")
    response = staff_client(drafter).post(f"/rename/{department.pk}/", REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 422
    assert Department.objects.get(pk=department.pk).name == "综合处"
    event = refusals().get()
    assert (event.actor, event.agency, event.object_type, event.object_id, event.ip) == (
        drafter,
        agency,
        "accounts.department",
        str(department.pk),
        "203.0.113.9",
    )
    assert event.after == {
        "permission": "departments.manage",
        "message": "您的角色无权执行此操作。",
        "code": "permission_denied",
        "path": f"/rename/{department.pk}/",
        "method": "POST",
    }


@pytest.mark.urls("gongkai.web.tests.urls_refusals")
def test_another_agencys_record_is_a_refusal_too_filed_under_the_actors_agency(
    staff_client, make_user, agency, other_agency
):
    admin = make_user(Role.ADMINISTRATOR, username="admin-a")
    foreign = DepartmentFactory(agency=other_agency, name="外机关处室")
    response = staff_client(admin).post(f"/rename/{foreign.pk}/")
    assert response.status_code == 422
    assert Department.objects.get(pk=foreign.pk).name == "外机关处室"
    event = refusals().get()
    # the other agency's record is not named: its agency's audit would show a stranger's attempt
    assert (event.agency, event.object_type, event.after["code"]) == (agency, "", "not_found")


@pytest.mark.django_db(transaction=True)
@pytest.mark.urls("gongkai.web.tests.urls_refusals")
def test_the_refusal_row_survives_a_real_rollback(client, make_user, agency):
    drafter = make_user(Role.DRAFTER, username="refused-tx")
    department = DepartmentFactory(agency=agency, name="综合处")
    client.force_login(drafter)
    client.post(f"/rename/{department.pk}/")
    assert Department.objects.get(pk=department.pk).name == "综合处"
    assert refusals().filter(actor=drafter).count() == 1


def test_a_service_refusal_turned_into_a_403_page_is_one_event(staff_client, make_user, agency):
    """The office's page decorators refuse with Django's PermissionDenied; a refusal re-raised as one
    (`raise PermissionDenied(exc.message) from None`) is still a single event."""
    supervisor = make_user(Role.SUPERVISOR, username="watcher")
    response = staff_client(supervisor).post("/office/accounts/new/", {"username": "x"})
    assert response.status_code == 403
    event = refusals().get()
    assert (event.actor, event.after["path"], event.after["method"]) == (
        supervisor,
        "/office/accounts/new/",
        "POST",
    )
    assert event.after["message"]


def test_a_refusal_in_the_api_is_audited_by_the_exception_handler(make_user, agency):
    drafter = make_user(Role.DRAFTER, username="api-refused")
    department = DepartmentFactory(agency=agency)
    request = RequestFactory().post("/api/v1/things/1/do")
    request.user = drafter
    request.auth = drafter
    try:
        require(drafter, "departments.manage", department)
    except PermissionDenied as exc:
        response = domain_error(request, exc)
    assert response.status_code == 403
    event = refusals().get()
    assert (event.actor, event.object_id, event.after["permission"], event.after["path"]) == (
        drafter,
        str(department.pk),
        "departments.manage",
        "/api/v1/things/1/do",
    )


def test_one_error_is_audited_once(make_user, agency):
    drafter = make_user(Role.DRAFTER, username="once")
    error = PermissionDenied()
    assert record_refusal(error, actor=drafter) is not None
    assert record_refusal(error, actor=drafter) is None
    assert refusals().count() == 1


def test_an_anonymous_visitor_is_sent_to_sign_in_and_no_refusal_is_recorded(client, agency):
    response = client.post("/office/accounts/new/", {"username": "x"})
    assert response.status_code == 302
    assert not refusals().exists()


def test_outside_a_request_a_refusal_is_only_raised(make_user, agency):
    """Management commands and jobs run as SYSTEM, which is never refused; a refusal there is the
    caller's to report."""
    with pytest.raises(PermissionDenied):
        require(make_user(Role.DRAFTER, username="cli"), "departments.manage")
    assert not refusals().exists()
