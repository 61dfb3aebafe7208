from datetime import date

import pytest

from gongkai.workdays import package_data
from gongkai.workdays.calculator import WorkCalendar

VALID_ID = "11010519491231002X"  # the checksum-valid example of GB 11643
VALID_USCC = "91110000600037341L"


@pytest.fixture(scope="session")
def cal():
    """The announced schedules 2004-2026 as a value; 2027 stays provisional."""
    s = package_data.schedules()
    return WorkCalendar(
        holidays=frozenset(d for y in s.values() for d in y["holidays"]),
        makeup_days=frozenset(d for y in s.values() for d in y["makeup_days"]),
        announced_years=frozenset(s),
        names={d: n for y in s.values() for part in y.values() for d, n in part.items()},
    )


def application(**overrides):
    data = {
        "applicant_type": "natural_person",
        "applicant_name": "张三",
        "contact_person": "",
        "id_type": "resident_id",
        "id_number": VALID_ID,
        "phone": "13800000000",
        "email": "zhang@example.com",
        "address": "福州市鼓楼区某路1号",
        "postcode": "350001",
        "description": "2025年福州市规模以上工业企业名录",
        "purpose": "",
        "delivery_form": "electronic",
        "delivery_channel": "email",
    }
    data.update(overrides)
    return data


@pytest.fixture
def apply_data():
    return application


@pytest.fixture
def d():
    return date


@pytest.fixture
def freezer_date(monkeypatch):
    """Sets the legal date the services use (their `legal_today`)."""

    def set_today(day):
        from datetime import datetime
        from zoneinfo import ZoneInfo

        from gongkai.foi_requests import selectors, services, statistics

        monkeypatch.setattr(services.recording, "legal_today", lambda: day)
        monkeypatch.setattr(selectors, "legal_today", lambda: day)
        monkeypatch.setattr(statistics, "legal_today", lambda: day)
        # Events are entered at noon of that day, so "recorded on" is the frozen day too.
        noon = datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo("Asia/Shanghai"))
        monkeypatch.setattr(services.recording, "_now", lambda: noon)

    return set_today


@pytest.fixture
def no_backdate_limit(settings):
    """For tests about something else that enter past cases today: any back-dating without a reason."""
    from gongkai.foi_requests.selectors import DEFAULT_BACKDATE_DAYS

    settings.GONGKAI_FOI_BACKDATE_DAYS = dict.fromkeys(DEFAULT_BACKDATE_DAYS, 100_000)
