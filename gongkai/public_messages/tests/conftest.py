import pytest

from gongkai.accounts.roles import Role


@pytest.fixture
def office_user(make_user, department):
    return make_user(Role.OPENNESS_OFFICE, department=department, username="gongkaiban", full_name="林晓")


@pytest.fixture
def drafter(make_user, department):
    return make_user(Role.DRAFTER, department=department, username="chengban", full_name="陈明")
