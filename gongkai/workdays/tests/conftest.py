from datetime import date

import pytest

from gongkai.workdays import package_data, selectors
from gongkai.workdays.calculator import WorkCalendar


@pytest.fixture(autouse=True)
def fresh_calendar_cache():
    """The per-process calendar cache must not carry one test's edits into the next."""
    selectors.invalidate()
    yield
    selectors.invalidate()


@pytest.fixture(scope="session")
def package_calendar() -> WorkCalendar:
    """2004-2026 as announced, built without the database."""
    holidays, makeup, names = set(), set(), {}
    for data in package_data.schedules().values():
        holidays.update(data["holidays"])
        makeup.update(data["makeup_days"])
        names.update(data["holidays"])
        names.update(data["makeup_days"])
    return WorkCalendar(
        holidays=frozenset(holidays),
        makeup_days=frozenset(makeup),
        announced_years=frozenset(package_data.schedules()),
        names=names,
    )


def d(text: str) -> date:
    return date.fromisoformat(text)


@pytest.fixture
def agency_admin(make_user):
    """One agency's 系统管理员: may view the calendar, may not change it (issue 12 item 8)."""
    from gongkai.accounts.roles import Role

    return make_user(Role.ADMINISTRATOR)


@pytest.fixture
def admin_user(make_user):
    """In this app's tests the administrator who edits is a platform administrator (is_superuser):
    the calendar is national, so an agency's 系统管理员 alone may not change it."""
    from gongkai.accounts.roles import Role

    return make_user(Role.ADMINISTRATOR, is_superuser=True)
