"""Platform administration of agencies (issue 18 item 6) and per-agency rules (item 7)."""

import pytest

from gongkai.accounts.roles import Role
from gongkai.city import services
from gongkai.core import agency_settings
from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.public_messages.services import reply_days


@pytest.fixture
def platform_admin(make_user):
    user = make_user(Role.ADMINISTRATOR, username="platform")
    user.is_superuser = True
    user.save()
    return user


def _new(platform_admin, **kw):
    values = {
        "code": "fzczj",
        "name": "福州市财政局",
        "organisation_code": "350100CZJ",
        "kind": "city_department",
        "parent": None,
        "site_host": "",
        "sort_order": 3,
    }
    values.update(kw)
    return services.create_agency(actor=platform_admin, **values)


@pytest.mark.django_db
def test_platform_admin_creates_agency_with_its_site(client, platform_admin, agency):
    new = _new(platform_admin)
    assert new.site_settings.host_organisation == "福州市财政局"
    assert AuditEvent.objects.filter(verb="agency.created", agency=new).exists()
    assert client.get("/bm/fzczj/").status_code == 200


@pytest.mark.django_db
def test_agency_admin_cannot_create_agencies(admin_user, agency):
    with pytest.raises(PermissionDenied):
        _new(admin_user)


@pytest.mark.django_db
def test_reserved_and_duplicate_codes_refused(platform_admin, agency):
    with pytest.raises(ValidationFailed) as exc:
        _new(platform_admin, code="api")
    assert exc.value.field == "code"
    with pytest.raises(ValidationFailed):
        _new(platform_admin, code="FZSTATS")


@pytest.mark.django_db
def test_close_refuses_default_agency_and_needs_reason(platform_admin, agency):
    new = _new(platform_admin)
    with pytest.raises(ValidationFailed):
        services.close_agency(actor=platform_admin, agency=new, reason=" ")
    services.close_agency(actor=platform_admin, agency=new, reason="机构改革撤并")
    new.refresh_from_db()
    assert not new.is_active and new.closed_at
    from gongkai.core.errors import Conflict

    with pytest.raises(Conflict):
        services.close_agency(actor=platform_admin, agency=agency, reason="不应允许")


@pytest.mark.django_db
def test_name_administrator_creates_account_in_agency(platform_admin, agency):
    new = _new(platform_admin)
    user = services.name_administrator(
        actor=platform_admin,
        agency=new,
        username="czj-admin",
        full_name="财政管理员",
        password="Fuzhou-2026-Strong!",
    )
    assert user.agency == new and Role.ADMINISTRATOR in user.roles
    with pytest.raises(ValidationFailed):  # an account of another agency must be moved first
        services.name_administrator(actor=platform_admin, agency=new, username=platform_admin.username)


@pytest.mark.django_db
def test_moving_staff_keeps_history_with_old_agency(platform_admin, agency, drafter):
    new = _new(platform_admin)
    before = AuditEvent.objects.filter(agency=agency).count()
    services.move_staff(actor=platform_admin, user=drafter, to_agency=new)
    drafter.refresh_from_db()
    assert drafter.agency == new and not drafter.roles
    assert AuditEvent.objects.filter(agency=agency, verb="agency.staff_moved").exists()
    assert AuditEvent.objects.filter(agency=new, verb="agency.staff_arrived").exists()
    assert AuditEvent.objects.filter(agency=agency).count() == before + 1


@pytest.mark.django_db
def test_office_screens(staff_client, platform_admin, agency, admin_user):
    client = staff_client(platform_admin)
    page = client.get("/office/platform/agencies/")
    assert page.status_code == 200 and "福州市统计局" in page.text
    response = client.post(
        "/office/platform/agencies/new/",
        {"code": "api", "name": "坏代码", "organisation_code": "350100XXX", "kind": "other", "sort_order": 0},
    )
    assert response.status_code == 200 and "平台保留字" in response.text and 'value="坏代码"' in response.text
    response = client.post(
        "/office/platform/agencies/new/",
        {
            "code": "gulou",
            "name": "鼓楼区人民政府",
            "organisation_code": "350102GLQ",
            "kind": "district",
            "sort_order": 0,
        },
    )
    assert response.status_code == 302
    client.logout()
    assert staff_client(admin_user).get("/office/platform/agencies/").status_code == 403


@pytest.mark.django_db
def test_rules_come_from_platform_default_until_agency_sets_them(
    settings, staff_client, admin_user, agency, other_agency
):
    settings.GONGKAI_MESSAGE_REPLY_DAYS = 5
    assert reply_days(agency) == 5
    services.set_rule(actor=admin_user, agency=agency, key="message_reply_days", value="3")
    assert reply_days(agency) == 3
    assert reply_days(other_agency) == 5  # another agency keeps the platform default
    with pytest.raises(ValidationFailed) as exc:
        services.set_rule(actor=admin_user, agency=agency, key="publication_deadline_days", value=25)
    assert "第二十六条" in exc.value.message
    with pytest.raises(PermissionDenied):
        services.set_rule(actor=admin_user, agency=other_agency, key="message_reply_days", value=3)
    page = staff_client(admin_user).get("/office/platform/rules/").text
    assert agency_settings.AGENCY_VALUE in page and agency_settings.PLATFORM_DEFAULT in page
    bad = staff_client(admin_user).post("/office/platform/rules/", {"key": "min_respondents", "value": "2"})
    assert bad.status_code == 422 and "统计法" in bad.text
    services.reset_rule(actor=admin_user, agency=agency, key="message_reply_days")
    assert reply_days(agency) == 5


@pytest.mark.django_db
def test_closed_agency_office_is_closed_and_records_stay(staff_client, platform_admin, agency):
    new = _new(platform_admin)
    user = services.name_administrator(
        actor=platform_admin, agency=new, username="czj-admin2", password="Fuzhou-2026-Strong!"
    )
    assert staff_client(user).get("/office/").status_code == 200
    services.close_agency(actor=platform_admin, agency=new, reason="机构改革撤并")
    user.refresh_from_db()
    assert staff_client(user).get("/office/").status_code == 403
    assert AuditEvent.objects.filter(agency=new, verb="agency.created").exists()
