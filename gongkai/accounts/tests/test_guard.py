import pytest

from gongkai.accounts.factories import DepartmentFactory
from gongkai.accounts.guard import SYSTEM, actor_label, fetch_for, require, user_or_none
from gongkai.accounts.models import Department
from gongkai.accounts.roles import Role
from gongkai.core.errors import NotFound, PermissionDenied


@pytest.mark.django_db
def test_require_refuses_a_role_without_the_permission_and_carries_what_was_refused(make_user):
    drafter = make_user(Role.DRAFTER)
    with pytest.raises(PermissionDenied) as refused:
        require(drafter, "accounts.manage")
    assert refused.value.refused["permission"] == "accounts.manage"
    assert require(make_user(Role.ADMINISTRATOR), "accounts.manage") is None


@pytest.mark.django_db
def test_require_hides_another_agencys_record_and_keeps_drafters_in_their_department(
    make_user, agency, other_agency
):
    office = make_user(Role.OPENNESS_OFFICE)
    theirs = DepartmentFactory(agency=other_agency)
    with pytest.raises(NotFound):
        require(office, "catalogue.view", theirs, department_field=None)

    mine, other = DepartmentFactory(agency=agency), DepartmentFactory(agency=agency)
    drafter = make_user(Role.DRAFTER, department=mine)
    colleague_user = make_user(Role.DRAFTER, department=other)  # a record owned by another department
    with pytest.raises(PermissionDenied):
        require(drafter, "catalogue.view", colleague_user)
    assert require(office, "catalogue.view", colleague_user) is colleague_user


@pytest.mark.django_db
def test_none_is_never_a_silent_bypass_and_system_is_explicit(agency):
    with pytest.raises(TypeError):
        require(None, "accounts.manage")
    assert require(SYSTEM, "accounts.manage") is None
    assert user_or_none(SYSTEM) is None
    assert actor_label(SYSTEM) == "系统"


@pytest.mark.django_db
def test_fetch_for_is_scoped_to_the_agency_and_answers_not_found(make_user, agency, other_agency):
    office = make_user(Role.OPENNESS_OFFICE)
    mine = DepartmentFactory(agency=agency)
    theirs = DepartmentFactory(agency=other_agency)
    assert fetch_for(office, Department, mine.pk) == mine
    assert fetch_for(office, Department, mine.pk, lock=True) == mine
    with pytest.raises(NotFound):
        fetch_for(office, Department, theirs.pk)
    with pytest.raises(NotFound):
        fetch_for(office, Department, "not-a-number")
    assert fetch_for(SYSTEM, Department, theirs.pk) == theirs
