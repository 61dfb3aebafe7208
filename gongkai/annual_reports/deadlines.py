"""When the annual report is due, and when the office is reminded. Pure date maths (no ORM, no now())."""

from datetime import date, timedelta

# 条例 Art. 49: the report on the previous year is published by 31 January (每年1月31日前).
DUE_MONTH, DUE_DAY = 1, 31
# Local practice: the office is reminded from six weeks before the due date.
REMINDER_DAYS = 42


def due_date(year: int) -> date:
    """The day by which the report on `year` must be published (条例 Art. 49)."""
    return date(year + 1, DUE_MONTH, DUE_DAY)


def year_has_ended(year: int, today: date) -> bool:
    """A report covers a whole calendar year: it may go into the publication workflow from 1 January of
    the following year on (条例 Art. 49 — 每年1月31日前公布上一年度的年度报告), never during its year."""
    return today >= date(year + 1, 1, 1)


def reminder_starts(year: int) -> date:
    return due_date(year) - timedelta(days=REMINDER_DAYS)


def years_to_remind(today: date, published_years: set[int]) -> list[tuple[int, date, bool]]:
    """(year, due date, overdue) of every report that is near or past its due date and not published.

    Only the current and the previous year are considered: an older gap is a matter for the
    supervision, not a daily reminder.
    """
    rows = []
    for year in (today.year - 1, today.year):
        if year in published_years:
            continue
        due = due_date(year)
        if today >= reminder_starts(year):
            rows.append((year, due, today > due))
    return rows
