"""Strict counting (民法典 Art. 201) against the known answers of REQUIREMENTS.md and our own cases."""

from datetime import date

import pytest

from gongkai.workdays.calculator import (
    WorkCalendar,
    add_working_days,
    is_working_day,
    working_day_index,
    working_days_between,
)
from gongkai.workdays.statutory import YearOutOfRange

D = date.fromisoformat

ADD_CASES = [
    # (start, n, due, why)
    ("2026-09-19", 20, "2026-10-22", "known answer: received Saturday before National Day"),
    ("2026-09-22", 20, "2026-10-27", "known answer: received Tuesday"),
    ("2026-09-22", 7, "2026-10-09", "known answer: 7th working day, over National Day"),
    ("2026-02-10", 20, "2026-03-16", "known answer: over Spring Festival"),
    ("2026-09-18", 1, "2026-09-20", "Friday receipt: the make-up Sunday 09-20 is the first working day"),
    ("2026-10-09", 1, "2026-10-10", "make-up Saturday 10-10 counts"),
    ("2026-02-13", 1, "2026-02-14", "make-up Saturday 02-14 before Spring Festival counts"),
    ("2026-02-14", 1, "2026-02-24", "Spring Festival 02-15..02-23 is skipped"),
    ("2026-02-27", 1, "2026-02-28", "make-up Saturday 02-28 counts"),
    ("2026-01-02", 1, "2026-01-04", "make-up Sunday 01-04 after New Year counts"),
    ("2026-05-08", 1, "2026-05-09", "make-up Saturday 05-09 after Labour Day counts"),
    ("2026-04-30", 1, "2026-05-06", "Labour Day 05-01..05-05 is skipped"),
    ("2026-09-30", 1, "2026-10-08", "National Day 10-01..10-07 is skipped"),
    ("2026-09-30", 3, "2026-10-10", "...then 10-08, 10-09 and the make-up Saturday"),
    ("2025-12-31", 1, "2026-01-04", "year boundary: 元旦 01-01..01-03 off, make-up Sunday 01-04 counts"),
    ("2025-12-31", 2, "2026-01-05", "year boundary, second working day"),
    ("2025-01-24", 1, "2025-01-26", "2025 Spring Festival: make-up Sunday 01-26"),
    ("2025-01-27", 1, "2025-02-05", "2025 Spring Festival 01-28..02-04 skipped"),
    ("2024-09-27", 1, "2024-09-29", "2024 National Day make-up Sunday 09-29"),
    ("2026-09-18", 0, "2026-09-18", "zero days is the start itself"),
]


@pytest.mark.parametrize("start,n,due,why", ADD_CASES, ids=[c[3] for c in ADD_CASES])
def test_add_working_days_known_answers(package_calendar, start, n, due, why):
    assert add_working_days(D(start), n, package_calendar).due == D(due)


def test_counting_starts_the_day_after_even_when_start_is_a_working_day(package_calendar):
    # 民法典 Art. 201: Monday 2026-03-02 + 1 working day is Tuesday, not Monday itself
    assert add_working_days(D("2026-03-02"), 1, package_calendar).due == D("2026-03-03")


def test_weekend_start_is_not_one_day_generous(package_calendar):
    # chinese-calendar's find_workday answers 2026-10-23 here; strict counting gives 10-22
    assert add_working_days(D("2026-09-19"), 20, package_calendar).due == D("2026-10-22")


def test_ledger_lists_skipped_weekday_holidays_and_counted_makeup_days(package_calendar):
    result = add_working_days(D("2026-09-19"), 20, package_calendar)
    assert [(x.on, x.name) for x in result.holidays_applied] == [
        (D("2026-09-25"), "中秋节"),
        (D("2026-10-01"), "国庆节"),
        (D("2026-10-02"), "国庆节"),
        (D("2026-10-05"), "国庆节"),
        (D("2026-10-06"), "国庆节"),
        (D("2026-10-07"), "国庆节"),
    ]
    assert [x.on for x in result.makeup_days_applied] == [D("2026-09-20"), D("2026-10-10")]
    assert result.provisional is False
    assert result.provisional_years == ()


@pytest.mark.parametrize(
    "day", ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]
)
def test_2026_makeup_weekend_days_are_working_days(package_calendar, day):
    assert D(day).weekday() >= 5
    assert is_working_day(D(day), package_calendar) is True


@pytest.mark.parametrize(
    "day,working",
    [
        ("2026-02-16", False),
        ("2026-02-23", False),
        ("2026-02-24", True),  # Spring Festival 2026
        ("2026-10-01", False),
        ("2026-10-07", False),
        ("2026-10-08", True),  # National Day 2026
        ("2026-09-19", False),
        ("2026-09-21", True),  # an ordinary Saturday and Monday
    ],
)
def test_is_working_day(package_calendar, day, working):
    assert is_working_day(D(day), package_calendar) is working


def test_due_date_in_an_unannounced_year_is_provisional(package_calendar):
    result = add_working_days(D("2026-12-20"), 20, package_calendar)
    assert result.due == D("2027-01-18")  # 元旦 2027-01-01 (Friday) computed, no make-up days
    assert result.provisional is True
    assert result.provisional_years == (2027,)
    assert [(x.on, x.name, x.provisional) for x in result.holidays_applied] == [
        (D("2027-01-01"), "元旦", True)
    ]


def test_result_inside_an_announced_year_is_not_provisional_even_near_the_boundary(package_calendar):
    assert add_working_days(D("2026-12-01"), 20, package_calendar).provisional is False  # due 12-29


def test_provisional_spring_festival_2027_with_art6_compensation():
    cal = WorkCalendar()  # nothing announced
    # 除夕 Fri 02-05, 初一..初三 Sat-Mon 02-06..02-08; Sat and Sun compensated on Tue 02-09, Wed 02-10
    result = add_working_days(D("2027-02-04"), 1, cal)
    assert result.due == D("2027-02-11")
    assert [x.on for x in result.holidays_applied] == [
        D("2027-02-05"),
        D("2027-02-08"),
        D("2027-02-09"),
        D("2027-02-10"),
    ]


def test_working_days_between_matches_add(package_calendar):
    span = working_days_between(D("2026-09-19"), D("2026-10-22"), package_calendar)
    assert span.working_days == 20
    assert span.provisional is False
    assert working_days_between(D("2026-09-22"), D("2026-10-09"), package_calendar).working_days == 7


def test_working_days_between_same_day_is_zero_and_end_before_start_is_refused(package_calendar):
    assert working_days_between(D("2026-03-02"), D("2026-03-02"), package_calendar).working_days == 0
    with pytest.raises(ValueError, match="结束日期不能早于开始日期"):
        working_days_between(D("2026-03-03"), D("2026-03-02"), package_calendar)


def test_working_days_between_reports_provisional_years(package_calendar):
    span = working_days_between(D("2026-12-25"), D("2027-01-08"), package_calendar)
    assert span.provisional_years == (2027,)
    assert span.working_days == 9  # 12-28..12-31 (4) + 2027-01-04..01-08 (5); 01-01 computed 元旦


@pytest.mark.parametrize(
    "today,index",
    [
        ("2026-09-19", 0),
        ("2026-09-20", 1),
        ("2026-09-21", 2),
        ("2026-09-27", 5),
        ("2026-10-04", 8),
        ("2026-10-22", 20),
    ],
)
def test_working_day_index(package_calendar, today, index):
    # received Saturday 2026-09-19: Sunday 09-20 (make-up) is the 1st working day; during the holiday
    # (09-27: 中秋 09-25 and the weekend; 10-04: National Day) the index stays at the last working day's
    assert working_day_index(D("2026-09-19"), D(today), package_calendar) == index


def test_negative_days_and_years_out_of_range_are_refused(package_calendar):
    with pytest.raises(ValueError, match="不能为负数"):
        add_working_days(D("2026-03-02"), -1, package_calendar)
    with pytest.raises(YearOutOfRange, match="1901—2099"):
        add_working_days(D("2099-12-30"), 5, package_calendar)
