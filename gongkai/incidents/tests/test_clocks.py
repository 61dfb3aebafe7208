"""The incident clocks are clock hours from detection (国办发〔2016〕80号, 61号): no pause at night,
at weekends or on holidays."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from gongkai.incidents import clocks

SH = ZoneInfo("Asia/Shanghai")


def test_serious_incidents_have_the_5_hour_and_24_hour_clocks_of_guobanfa_2016_80():
    seen = datetime(2026, 10, 1, 22, 30, tzinfo=SH)  # National Day, late evening
    info, conference = clocks.clocks_for(clocks.MAJOR, seen)
    assert (info.kind, info.due_at) == (
        clocks.INFO,
        datetime(2026, 10, 2, 3, 30, tzinfo=SH),
    )  # across midnight
    assert (conference.kind, conference.due_at) == (
        clocks.CONFERENCE,
        datetime(2026, 10, 2, 22, 30, tzinfo=SH),
    )
    assert [c.kind for c in clocks.clocks_for(clocks.SPECIAL_MAJOR, seen)] == [clocks.INFO, clocks.CONFERENCE]


def test_other_incidents_have_the_48_hour_clock_of_guobanfa_2016_61_through_a_weekend():
    seen = datetime(2026, 12, 4, 18, 0, tzinfo=SH)  # a Friday evening
    (response,) = clocks.clocks_for(clocks.GENERAL, seen)
    assert response.due_at == datetime(2026, 12, 6, 18, 0, tzinfo=SH)  # Sunday: weekends do not pause it
    assert clocks.clocks_for(clocks.LARGE, seen)[0].hours == clocks.RESPONSE_HOURS == 48


@pytest.mark.parametrize(
    ("minutes_after", "state"),
    [(0, "running"), (239, "running"), (240, "warning"), (300, "warning"), (301, "breached")],
)
def test_the_5_hour_clock_warns_in_its_last_hour_and_breaches_after_it(minutes_after, state):
    seen = datetime(2026, 12, 5, 23, 0, tzinfo=SH)  # Saturday night
    info = clocks.clocks_for(clocks.MAJOR, seen)[0]
    assert clocks.state_of(info, None, seen + timedelta(minutes=minutes_after)).state == state


def test_met_late_and_breached_say_by_how_much():
    seen = datetime(2026, 12, 1, 9, 0, tzinfo=SH)
    response = clocks.clocks_for(clocks.GENERAL, seen)[0]
    late = clocks.state_of(response, seen + timedelta(hours=50, minutes=5), seen + timedelta(hours=60))
    assert late.state == "met_late" and clocks.hours_minutes(late.late_by) == "2 小时 05 分"
    on_time = clocks.state_of(response, seen + timedelta(hours=47), seen + timedelta(hours=60))
    assert on_time.state == "met" and on_time.late_by is None
    breached = clocks.state_of(response, None, seen + timedelta(hours=49, minutes=30))
    assert breached.state == "breached" and clocks.hours_minutes(breached.late_by) == "1 小时 30 分"
