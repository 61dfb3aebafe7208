"""What every assessment measure is made of: a period and the Rows (one record each) judged in it.

A figure is always `met / total` over exactly the rows a measure yields, so every number on the board
drills down to the records that make it. `Row.on` is the day the record was judged (published, answered,
decided, due): the dashboard buckets one twelve-month computation into months by it.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class Row:
    label: str
    url: str
    department_id: int | None
    department: str
    met: bool
    detail: str
    on: date | None = None


@dataclass(frozen=True)
class PeriodRange:
    key: str  # "2026", "2026Q4", "2026-11" (or "last12" for the dashboard's twelve months)
    label: str
    start: date
    end: date  # inclusive

    @property
    def start_at(self) -> datetime:
        return datetime.combine(self.start, time.min, tzinfo=SHANGHAI)

    @property
    def end_at(self) -> datetime:
        return datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=SHANGHAI)


def parse_period(key: str) -> PeriodRange | None:
    """“2026” (a year), “2026Q1”..“2026Q4” (a quarter) or “2026-11” (a month, the dashboard's charts);
    anything else is None."""
    key = (key or "").strip().upper()
    try:
        if len(key) == 7 and key[4] == "-" and key[:4].isdigit() and key[5:].isdigit():
            start = date(int(key[:4]), int(key[5:]), 1)
            end = month_start(start, -1) - timedelta(days=1)
            return PeriodRange(key, f"{start.year} 年 {start.month} 月", start, end)
        if len(key) == 4:
            year = int(key)
            return PeriodRange(key, f"{year} 年", date(year, 1, 1), date(year, 12, 31))
        if len(key) == 6 and key[4] == "Q" and key[5] in "1234":
            year, quarter = int(key[:4]), int(key[5])
            start = date(year, 3 * quarter - 2, 1)
            end = (date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)) - timedelta(days=1)
            return PeriodRange(key, f"{year} 年第 {quarter} 季度", start, end)
    except ValueError:
        return None
    return None


def current_period(kind: str, today: date | None = None) -> PeriodRange:
    today = today or timezone.localdate()
    if kind == "year":
        return parse_period(str(today.year))
    return parse_period(f"{today.year}Q{(today.month - 1) // 3 + 1}")


def month_start(day: date, back: int = 0) -> date:
    """The first day of the month `back` months before `day`'s month."""
    index = day.year * 12 + day.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def last_twelve_months(today: date | None = None) -> tuple[PeriodRange, list[date]]:
    """The dashboard's span: the current month and the eleven before it, and the first day of each."""
    today = today or timezone.localdate()
    months = [month_start(today, back) for back in range(11, -1, -1)]
    end = month_start(today, -1) - timedelta(days=1)  # the month's last day, like the monthly drill-down
    return PeriodRange("last12", "近 12 个月", months[0], end), months


def dept_of(obj) -> tuple[int | None, str]:
    department = getattr(obj, "department", None)
    return (department.pk, department.name) if department else (None, "未指定处室")


def local_day(moment: datetime | None) -> date | None:
    return timezone.localtime(moment).date() if moment else None
