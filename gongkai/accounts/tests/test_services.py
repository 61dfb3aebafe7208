import pytest

from gongkai.accounts import services
from gongkai.accounts.models import User
from gongkai.accounts.roles import Role
from gongkai.core.errors import NotFound, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent, SiteSettings


@pytest.mark.django_db
def test_admin_creates_staff_with_roles_and_it_is_audited(admin_user, department):
    user = services.create_staff_user(
        actor=admin_user,
        agency=admin_user.agency,
        username="zhangsan",
        password="Long-enough-2026",
        full_name="张三",
        department=department,
        roles=[Role.DRAFTER, Role.SPOKESPERSON],
    )
    assert user.roles == {Role.DRAFTER, Role.SPOKESPERSON}
    assert user.check_password("Long-enough-2026")
    assert user.password.startswith("md5$") or user.password.startswith("argon2")
    event = AuditEvent.objects.get(verb="user.created")
    assert event.after["roles"] == ["drafter", "spokesperson"]
    assert event.actor == admin_user


@pytest.mark.django_db
@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMINISTRATOR])
def test_only_administrators_manage_staff(make_user, role):
    actor = make_user(role)
    with pytest.raises(PermissionDenied):
        services.create_staff_user(
            actor=actor, agency=actor.agency, username="x1", password="Long-enough-2026"
        )
    assert not User.objects.filter(username="x1").exists()
    assert not AuditEvent.objects.filter(verb="user.created").exists()


@pytest.mark.django_db
def test_administrator_cannot_touch_another_agency(admin_user, other_agency):
    # accounts.guard: another agency's records do not exist for this actor (NotFound, not 403)
    with pytest.raises(NotFound):
        services.create_staff_user(
            actor=admin_user, agency=other_agency, username="x2", password="Long-enough-2026"
        )
    with pytest.raises(NotFound):
        services.save_department(actor=admin_user, agency=other_agency, name="处", code="c")


@pytest.mark.django_db
def test_department_must_belong_to_the_agency(admin_user, other_agency):
    from gongkai.accounts.factories import DepartmentFactory

    foreign = DepartmentFactory(agency=other_agency)
    with pytest.raises(ValidationFailed) as exc:
        services.create_staff_user(
            actor=admin_user,
            agency=admin_user.agency,
            username="x3",
            password="Long-enough-2026",
            department=foreign,
        )
    assert exc.value.field == "department"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "password, fragment", [("short-pw", "密码太短"), ("1234567890123", "密码只包含数字")]
)
def test_weak_passwords_are_refused_in_chinese(admin_user, password, fragment):
    with pytest.raises(ValidationFailed) as exc:
        services.create_staff_user(
            actor=admin_user, agency=admin_user.agency, username="x4", password=password
        )
    assert fragment in exc.value.message


@pytest.mark.django_db
def test_update_records_before_and_after(admin_user, make_user):
    target = make_user(Role.DRAFTER, full_name="李四")
    services.update_staff_user(
        actor=admin_user,
        user=target,
        full_name="李四",
        department=target.department,
        roles=[Role.CONFIDENTIALITY_REVIEWER],
        is_active=True,
    )
    event = AuditEvent.objects.get(verb="user.updated")
    assert event.before["roles"] == ["drafter"]
    assert event.after["roles"] == ["confidentiality_reviewer"]
    target.refresh_from_db()
    assert target.roles == {Role.CONFIDENTIALITY_REVIEWER}


@pytest.mark.django_db
def test_admin_cannot_lock_themselves_out(admin_user):
    with pytest.raises(ValidationFailed):
        services.update_staff_user(
            actor=admin_user,
            user=admin_user,
            full_name="x",
            department=None,
            roles=[Role.DRAFTER],
            is_active=True,
        )


@pytest.mark.django_db
def test_duplicate_department_names_are_refused(admin_user):
    services.save_department(actor=admin_user, agency=admin_user.agency, name="综合处", code="general")
    with pytest.raises(ValidationFailed) as exc:
        services.save_department(actor=admin_user, agency=admin_user.agency, name="综合处", code="other")
    assert exc.value.field == "name"


@pytest.mark.django_db
def test_site_settings_update_validates_and_audits(admin_user):
    services.update_site_settings(actor=admin_user, agency=admin_user.agency, phone="0591-12345678")
    assert SiteSettings.objects.get(agency=admin_user.agency).phone == "0591-12345678"
    with pytest.raises(ValidationFailed) as exc:
        services.update_site_settings(
            actor=admin_user, agency=admin_user.agency, error_report_url="not a url"
        )
    assert exc.value.field == "error_report_url"
    assert AuditEvent.objects.filter(verb="site_settings.updated").count() == 1
