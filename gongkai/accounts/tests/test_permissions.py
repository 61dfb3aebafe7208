import pytest

from gongkai.accounts.factories import DepartmentFactory, UserFactory
from gongkai.accounts.models import Department
from gongkai.accounts.permissions import has_perm, is_read_only, same_agency
from gongkai.accounts.roles import PERMISSIONS, Role
from gongkai.accounts.selectors import scope_for


@pytest.mark.django_db
def test_every_permission_is_held_by_someone_and_unknown_ones_fail_loudly(make_user):
    for permission, roles in PERMISSIONS.items():
        assert roles, permission
    with pytest.raises(KeyError):
        has_perm(make_user(Role.ADMINISTRATOR), "no.such.permission")


@pytest.mark.django_db
def test_users_without_role_or_agency_hold_nothing(make_user, agency):
    assert not has_perm(make_user(), "office.enter")
    nobody = UserFactory(agency=None, department=None, roles=[Role.ADMINISTRATOR])
    assert not has_perm(nobody, "office.enter")


@pytest.mark.django_db
def test_supervisor_is_read_only(make_user):
    supervisor = make_user(Role.SUPERVISOR)
    assert is_read_only(supervisor)
    assert has_perm(supervisor, "audit.view")
    assert not has_perm(supervisor, "accounts.manage")
    assert not is_read_only(make_user(Role.SUPERVISOR, Role.OPENNESS_OFFICE))


@pytest.mark.django_db
def test_scope_for_limits_drafters_to_their_department_and_everyone_to_their_agency(
    make_user, agency, other_agency
):
    mine = DepartmentFactory(agency=agency)
    DepartmentFactory(agency=agency)
    DepartmentFactory(agency=other_agency)
    drafter = make_user(Role.DRAFTER, department=mine)
    office = make_user(Role.OPENNESS_OFFICE)
    # Departments scoped by their own id stand in for any department-owned record.
    by_dept = scope_for(drafter, Department.objects.all(), department_field=None)
    assert set(by_dept) == set(Department.objects.filter(agency=agency))
    users = scope_for(drafter, type(drafter).objects.all())
    assert set(users) == {drafter}
    assert all(u.agency == agency for u in scope_for(office, type(office).objects.all()))
    assert scope_for(make_user(), Department.objects.all()).count() == 0


@pytest.mark.django_db
def test_same_agency(make_user, other_agency):
    user = make_user(Role.ADMINISTRATOR)
    assert same_agency(user, user.agency)
    assert same_agency(user, user.department)
    assert not same_agency(user, other_agency)
