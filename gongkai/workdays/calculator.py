"""Working-day arithmetic: pure functions of dates and a `WorkCalendar` value (no ORM, no settings, no
now()). The selectors build the calendar from the holiday table; tests build it by hand.

A working day is a weekday that is not a holiday, or a make-up working day (调休上班).
A year the calendar has no announced data for is provisional: its days off are computed from the
statutory rules (statutory.py) and every result that touches it says `provisional=True`.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from .statutory import SATURDAY, check_year, provisional_holidays

# 民法典 Art. 201: a period counted in days starts on the day after the one on which it begins, so the
# receiving day itself is never counted.
FIRST_COUNTED_DAY_OFFSET = timedelta(days=1)
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class WorkCalendar:
    """The State Council's schedule as a value.

    `holidays` and `makeup_days` hold the entered days; `announced_years` the years whose schedule has
    been announced. A year that is not announced and has no entered days uses the statutory
    computation; a year that is not announced but has entered days (an administrator typing it in) uses
    those days and stays provisional.
    """

    holidays: frozenset[date] = frozenset()
    makeup_days: frozenset[date] = frozenset()
    announced_years: frozenset[int] = frozenset()
    names: Mapping[date, str] = field(default_factory=dict, compare=False, hash=False)
    entered_years: frozenset[int] = field(init=False, compare=False, hash=False)

    def __post_init__(self):
        years = (
            {d.year for d in self.holidays} | {d.year for d in self.makeup_days} | set(self.announced_years)
        )
        object.__setattr__(self, "entered_years", frozenset(years))

    def is_provisional_year(self, year: int) -> bool:
        return year not in self.announced_years

    def day_off_name(self, d: date) -> str | None:
        """The holiday name of `d` when it is a holiday (entered or computed), else None."""
        if d.year in self.entered_years:
            return self.names.get(d, "节假日") if d in self.holidays else None
        return provisional_holidays(d.year).get(d)

    def makeup_name(self, d: date) -> str | None:
        if d in self.makeup_days:
            return self.names.get(d, "调休上班")
        return None


@dataclass(frozen=True)
class LedgerDay:
    """One day that changed the count: a weekday holiday skipped or a make-up day counted."""

    on: date
    name: str
    provisional: bool


@dataclass(frozen=True)
class DueDate:
    start: date
    days: int
    due: date
    provisional: bool
    provisional_years: tuple[int, ...] = ()
    holidays_applied: tuple[LedgerDay, ...] = ()
    makeup_days_applied: tuple[LedgerDay, ...] = ()


@dataclass(frozen=True)
class Span:
    """Working days after `start` up to and including `end`."""

    start: date
    end: date
    working_days: int
    provisional: bool
    provisional_years: tuple[int, ...] = ()
    holidays_applied: tuple[LedgerDay, ...] = ()
    makeup_days_applied: tuple[LedgerDay, ...] = ()


def is_working_day(d: date, cal: WorkCalendar) -> bool:
    check_year(d.year)
    if d in cal.makeup_days:
        return True
    if d.weekday() >= SATURDAY:
        return False
    return cal.day_off_name(d) is None


class _Ledger:
    def __init__(self, cal: WorkCalendar):
        self.cal = cal
        self.years: set[int] = set()
        self.holidays: list[LedgerDay] = []
        self.makeup: list[LedgerDay] = []

    def step(self, d: date) -> bool:
        """Whether `d` is a working day, noting what made it one or not."""
        working = is_working_day(d, self.cal)
        provisional = self.cal.is_provisional_year(d.year)
        if provisional:
            self.years.add(d.year)
        if working and d.weekday() >= SATURDAY:
            self.makeup.append(LedgerDay(d, self.cal.makeup_name(d) or "调休上班", provisional))
        elif not working and d.weekday() < SATURDAY:
            self.holidays.append(LedgerDay(d, self.cal.day_off_name(d) or "节假日", provisional))
        return working

    def fields(self) -> dict:
        return {
            "provisional": bool(self.years),
            "provisional_years": tuple(sorted(self.years)),
            "holidays_applied": tuple(self.holidays),
            "makeup_days_applied": tuple(self.makeup),
        }


def add_working_days(start: date, n: int, cal: WorkCalendar) -> DueDate:
    """The n-th working day after `start` (the day `start` itself is not counted, 民法典 Art. 201)."""
    if n < 0:
        raise ValueError("工作日天数不能为负数。")
    check_year(start.year)
    ledger = _Ledger(cal)
    d = start
    counted = 0
    while counted < n:
        d += ONE_DAY  # the first step lands on FIRST_COUNTED_DAY_OFFSET after start (Art. 201)
        if ledger.step(d):
            counted += 1
    return DueDate(start=start, days=n, due=d, **ledger.fields())


def working_days_between(d1: date, d2: date, cal: WorkCalendar) -> Span:
    """Working days after `d1` up to and including `d2` (0 when d2 == d1)."""
    if d2 < d1:
        raise ValueError("结束日期不能早于开始日期。")
    check_year(d1.year)
    check_year(d2.year)
    ledger = _Ledger(cal)
    count = 0
    d = d1 + FIRST_COUNTED_DAY_OFFSET
    while d <= d2:
        if ledger.step(d):
            count += 1
        d += ONE_DAY
    return Span(start=d1, end=d2, working_days=count, **ledger.fields())


def working_day_index(start: date, today: date, cal: WorkCalendar) -> int:
    """ "今天是第 X 个工作日": working days after `start` up to and including `today`. On a day off it is
    the index of the last working day before it; before or on `start` it is 0."""
    if today <= start:
        return 0
    return working_days_between(start, today, cal).working_days
