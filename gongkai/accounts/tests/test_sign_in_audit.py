"""Sign-in, sign-out and failed sign-in are audited (issue 11.14); the password never is."""

import pytest

from gongkai.accounts.roles import Role
from gongkai.core.audit import verify_chain
from gongkai.core.models import AuditEvent

PASSWORD = "Secret-pass-2026"  # accounts.factories.UserFactory


@pytest.fixture
def staff(make_user):
    return make_user(Role.DRAFTER, username="chenming", full_name="陈明")


def sign_in(client, username, password, ip="198.51.100.7"):
    return client.post("/office/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_a_sign_in_is_recorded_with_the_person_and_address(client, staff, agency):
    response = sign_in(client, "chenming", PASSWORD)
    assert response.status_code == 302
    event = AuditEvent.objects.get(verb="auth.login")
    assert (event.actor, event.actor_label, event.agency, event.object_type, event.object_id, event.ip) == (
        staff,
        "陈明",
        agency,
        "accounts.user",
        str(staff.pk),
        "198.51.100.7",
    )


def test_a_sign_out_is_recorded(client, staff):
    sign_in(client, "chenming", PASSWORD)
    client.post("/office/logout/")
    event = AuditEvent.objects.get(verb="auth.logout")
    assert (event.actor, event.object_id) == (staff, str(staff.pk))


def test_signing_out_without_a_session_records_nothing(client, agency):
    client.post("/office/logout/")
    assert not AuditEvent.objects.filter(verb="auth.logout").exists()


def test_a_failed_sign_in_names_the_account_tried_and_never_the_password(client, staff, agency):
    response = sign_in(client, "chenming", "wrong-guess-1")
    assert response.status_code == 200
    event = AuditEvent.objects.get(verb="auth.login_failed")
    assert (event.actor, event.actor_label, event.agency, event.object_id, event.ip) == (
        None,
        "未登录访客",
        agency,
        str(staff.pk),
        "198.51.100.7",
    )
    assert event.after == {"username": "chenming", "locked_out": False}
    assert "wrong-guess-1" not in str(event.before) + str(event.after) + event.object_repr


def test_a_failed_sign_in_with_an_unknown_name_is_filed_under_the_public_agency(client, agency):
    sign_in(client, "nobody-here", "x")
    event = AuditEvent.objects.get(verb="auth.login_failed")
    assert (event.agency, event.object_type, event.object_id, event.object_repr) == (
        agency,
        "accounts.user",
        "",
        "nobody-here",
    )


def test_attempts_after_the_axes_lockout_are_recorded_as_locked_out(client, staff, settings):
    """django-axes locks (username, IP) after PAIR_LIMIT failures (accounts.throttling); later attempts,
    even with the right password, are refused and recorded as locked out."""
    from gongkai.accounts.throttling import PAIR_LIMIT

    for n in range(PAIR_LIMIT):
        sign_in(client, "chenming", f"wrong-{n}")
    sign_in(client, "chenming", PASSWORD)
    events = list(AuditEvent.objects.filter(verb="auth.login_failed").order_by("id"))
    assert not AuditEvent.objects.filter(verb="auth.login").exists()
    assert [e.after["locked_out"] for e in events][-1] is True
    assert verify_chain().ok
