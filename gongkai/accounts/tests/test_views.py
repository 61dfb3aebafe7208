import pytest
from django.test import override_settings

from gongkai.accounts.models import Department, User
from gongkai.accounts.roles import Role
from gongkai.core.models import AuditEvent


@pytest.mark.django_db
def test_admin_creates_a_user_through_the_form(client, admin_user, department):
    client.force_login(admin_user)
    response = client.post(
        "/office/accounts/new/",
        {
            "username": "wangwu",
            "full_name": "王五",
            "department": department.pk,
            "roles": ["drafter"],
            "is_active": "on",
            "password": "Another-pass-2026",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(username="wangwu").roles == {Role.DRAFTER}


@pytest.mark.django_db
def test_bad_input_keeps_what_was_typed_and_explains_in_chinese(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/office/accounts/new/", {"username": "zhaoliu", "full_name": "赵六", "password": "123"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "密码太短" in html
    assert 'value="赵六"' in html
    assert not User.objects.filter(username="zhaoliu").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.DRAFTER, Role.OPENNESS_OFFICE, Role.SUPERVISOR])
def test_non_administrators_cannot_create_users_and_nothing_changes(client, make_user, role):
    client.force_login(make_user(role))
    before = (
        User.objects.count(),
        AuditEvent.objects.exclude(verb__in=("auth.login", "access.denied")).count(),
    )
    response = client.post(
        "/office/accounts/new/", {"username": "hacker", "full_name": "x", "password": "Another-pass-2026"}
    )
    assert response.status_code == 403
    assert (
        User.objects.count(),
        AuditEvent.objects.exclude(verb__in=("auth.login", "access.denied")).count(),
    ) == before


@pytest.mark.django_db
def test_staff_of_another_agency_are_invisible(client, admin_user, other_agency):
    from gongkai.accounts.factories import UserFactory

    stranger = UserFactory(agency=other_agency, full_name="外单位人员", roles=[Role.DRAFTER])
    client.force_login(admin_user)
    assert "外单位人员" not in client.get("/office/accounts/").content.decode()
    assert client.get(f"/office/accounts/{stranger.pk}/").status_code == 404
    foreign_dept = stranger.department
    assert client.get(f"/office/accounts/departments/{foreign_dept.pk}/").status_code == 404
    client.post(
        f"/office/accounts/departments/{foreign_dept.pk}/", {"name": "改名", "code": "x", "sort_order": 0}
    )
    assert Department.objects.get(pk=foreign_dept.pk).name == foreign_dept.name


@pytest.mark.django_db
def test_office_navigation_follows_roles(client, make_user):
    client.force_login(make_user(Role.DRAFTER))
    html = client.get("/office/").content.decode()
    assert "我的工作" in html and "审计日志" not in html and "网站设置" not in html
    client.force_login(make_user(Role.ADMINISTRATOR))
    html = client.get("/office/").content.decode()
    assert "审计日志" in html and "网站设置" in html


@pytest.mark.django_db
def test_login_and_throttling(client, make_user):
    make_user(Role.DRAFTER, username="lisi")
    ok = client.post("/office/login/", {"username": "lisi", "password": "Secret-pass-2026"})
    assert ok.status_code == 302 and ok["Location"] == "/office/"
    client.logout()
    for _ in range(5):
        bad = client.post("/office/login/", {"username": "lisi", "password": "wrong"})
    assert bad.status_code in (403, 429)
    locked = client.post("/office/login/", {"username": "lisi", "password": "Secret-pass-2026"})
    assert locked.status_code in (403, 429)
    assert "锁定" in locked.content.decode()


@pytest.mark.django_db
def test_wrong_password_message_is_chinese(client, make_user):
    make_user(Role.DRAFTER, username="lisi2")
    response = client.post("/office/login/", {"username": "lisi2", "password": "wrong"})
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode() or "用户名和密码" in response.content.decode()


@pytest.mark.django_db
@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_audit_screen_filters(client, admin_user):
    client.force_login(admin_user)
    client.post(
        "/office/accounts/departments/new/",
        {"name": "新处室", "code": "nd", "sort_order": 1, "is_active": "on"},
    )
    html = client.get("/office/audit/?verb=department.").content.decode()
    assert '<span class="note">department.created</span>' in html
    html = client.get("/office/audit/?verb=user.&from=not-a-date").content.decode()
    assert '<span class="note">department.created</span>' not in html and "日期格式应为" in html


@pytest.mark.django_db
def test_failures_across_usernames_lock_the_address(client, make_user):
    """Issue 12 item 3: ADDRESS_LIMIT (20) failures from one address over many usernames lock the
    address, even for the correct password of a user who never failed; another address is unaffected.
    (A successful login from the address resets its count: AXES_RESET_ON_SUCCESS.)"""
    from gongkai.accounts.throttling import ADDRESS_LIMIT, PAIR_LIMIT

    assert PAIR_LIMIT < ADDRESS_LIMIT
    make_user(Role.DRAFTER, username="wangwu")
    here = {"REMOTE_ADDR": "10.9.9.9"}
    answers = [
        client.post("/office/login/", {"username": f"guess{n}", "password": "wrong"}, **here).status_code
        for n in range(ADDRESS_LIMIT)
    ]
    assert answers[: ADDRESS_LIMIT - 1] == [200] * (ADDRESS_LIMIT - 1)  # wrong password, form again
    assert answers[-1] in (403, 429)  # the 20th failure locks the address
    locked = client.post("/office/login/", {"username": "wangwu", "password": "Secret-pass-2026"}, **here)
    assert locked.status_code in (403, 429) and "锁定" in locked.content.decode()
    elsewhere = client.post(
        "/office/login/", {"username": "wangwu", "password": "Secret-pass-2026"}, REMOTE_ADDR="10.8.8.8"
    )
    assert elsewhere.status_code == 302
