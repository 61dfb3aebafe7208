"""A year as month grids for the office calendar page (pure)."""

import calendar as stdlib_calendar
from dataclasses import dataclass
from datetime import date

from .calculator import WorkCalendar, is_working_day

WEEKDAYS = [
    ("一", "星期一"),
    ("二", "星期二"),
    ("三", "星期三"),
    ("四", "星期四"),
    ("五", "星期五"),
    ("六", "星期六"),
    ("日", "星期日"),
]


@dataclass(frozen=True)
class Cell:
    on: date
    working: bool
    mark: str  # 休 / 班 / ""
    title: str  # what the mark means, for the abbr and screen readers
    weekend: bool


def month_grids(year: int, cal: WorkCalendar) -> list[dict]:
    months = []
    for month in range(1, 13):
        weeks = []
        for week in stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
            row = []
            for day in week:
                if day.month != month:
                    row.append(None)
                    continue
                working = is_working_day(day, cal)
                weekend = day.weekday() >= 5
                if working and weekend:
                    row.append(Cell(day, True, "班", f"调休上班（{cal.makeup_name(day) or ''}）", True))
                elif not working and cal.day_off_name(day):
                    row.append(Cell(day, False, "休", f"放假：{cal.day_off_name(day)}", weekend))
                else:
                    row.append(Cell(day, working, "", "", weekend))
            weeks.append(row)
        months.append({"month": month, "label": f"{year}年{month}月", "weeks": weeks})
    return months
