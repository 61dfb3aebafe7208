from datetime import UTC, date, datetime

import pytest
from django.utils import timezone

from gongkai.core import jobs
from gongkai.workdays import checks, services

pytestmark = pytest.mark.django_db


def test_warns_from_1_december_when_next_year_is_missing():
    messages = checks.next_year_messages(date(2026, 12, 1))
    assert [m.id for m in messages] == ["workdays.W001"]
    assert messages[0].msg.startswith("2027年的节假日安排尚未录入")
    assert "系统管理员" in messages[0].msg


@pytest.mark.parametrize("today", [date(2026, 11, 30), date(2026, 1, 15), date(2025, 12, 31)])
def test_silent_before_december_or_when_next_year_is_known(today):
    # 2025-12-31: 2026 is in the package, so it counts as announced
    assert checks.next_year_messages(today) == []


def test_silent_once_next_year_is_announced(admin_user):
    services.import_year_schedule(
        actor=admin_user,
        year=2027,
        text="2027-01-01, 休, 元旦",
        source_note="国务院办公厅关于2027年部分节假日安排的通知",
        announce=True,
    )
    assert checks.next_year_messages(date(2026, 12, 15)) == []


def test_registered_check_uses_the_date_in_china(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 12, 1))
    assert [m.id for m in checks.check_next_year_announced()] == ["workdays.W001"]
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 11, 30))
    assert checks.check_next_year_announced() == []


def test_check_is_registered_with_django():
    from django.core.checks import registry

    assert checks.check_next_year_announced in registry.registry.get_checks()


def test_daily_job_logs_the_warning(caplog):
    job = next(j for j in jobs.registered() if j.name == "workdays.next_year_warning")
    # 2026-11-30 16:30 UTC is 00:30 on 1 December in Beijing
    assert job.func(datetime(2026, 11, 30, 16, 30, tzinfo=UTC)).startswith("2027年的节假日安排尚未录入")
    assert "workdays.W001" in caplog.text
    assert job.func(datetime(2026, 11, 30, 15, 30, tzinfo=UTC)) is None
