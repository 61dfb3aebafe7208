"""Reads of the working-day calendar. Other apps call `add_working_days` and `working_days_between`.

The calendar is built from the holiday table; a year the table has no row for falls back to the
schedule shipped in chinese-calendar (announced, 2004-2026), and a year neither knows is provisional
(statutory.py). So deadlines are right even before `gongkai workdays seed` has run; seeding puts the
package's years into the table where administrators can see and correct them. ADR 0007.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db.models import Count, Max
from django.utils import timezone

from gongkai.core.pagecache import memoised

from . import calculator, package_data
from .calculator import DueDate, Span, WorkCalendar
from .models import HolidayYear, SpecialDay
from .statutory import provisional_holidays

# Legal deadlines run on the date in China, whatever the server's clock zone (STYLE.md).
LEGAL_TZ = ZoneInfo("Asia/Shanghai")

_cache: dict = {"stamp": None, "calendar": None}


def invalidate() -> None:
    """Called by the services after every write (and by tests)."""
    _cache["stamp"] = None
    _cache["calendar"] = None


def _stamp() -> tuple:
    # One small aggregate per call keeps every worker process in step with an edit made in another.
    agg = HolidayYear.objects.aggregate(
        years=Count("id", distinct=True), days=Count("days"), latest=Max("updated_at")
    )
    return agg["years"], agg["days"], agg["latest"]


def _build() -> WorkCalendar:
    rows = {row.year: row for row in HolidayYear.objects.all()}
    holidays: set[date] = set()
    makeup: set[date] = set()
    names: dict[date, str] = {}
    announced = {year for year, row in rows.items() if row.is_announced}
    for year, data in package_data.schedules().items():
        if year in rows:
            continue  # the table's row wins, even when an administrator emptied it
        announced.add(year)
        holidays.update(data["holidays"])
        makeup.update(data["makeup_days"])
        names.update(data["holidays"])
        names.update(data["makeup_days"])
    for on, kind, name in SpecialDay.objects.values_list("date", "kind", "name"):
        (makeup if kind == SpecialDay.Kind.MAKEUP_WORKDAY else holidays).add(on)
        names[on] = name
    return WorkCalendar(
        holidays=frozenset(holidays),
        makeup_days=frozenset(makeup),
        announced_years=frozenset(announced),
        names=names,
    )


def load_calendar() -> WorkCalendar:
    # Within one page-cache generation no calendar row can have changed (a committed write ends it):
    # the stamp is read once per generation in a public GET, every call elsewhere (ADR 0043).
    stamp = memoised("workdays.calendar_stamp", _stamp)
    if _cache["calendar"] is None or _cache["stamp"] != stamp:
        _cache["calendar"] = _build()
        _cache["stamp"] = stamp
    return _cache["calendar"]


def add_working_days(start: date, n: int) -> DueDate:
    """The n-th working day after `start` (民法典 Art. 201), with the ledger and the provisional flag."""
    return calculator.add_working_days(start, n, load_calendar())


def due_dates(start: date, *counts: int) -> list[DueDate]:
    """`add_working_days(start, n)` for each n, the calendar read once (a submission computes its due
    day and its warning day before its transaction opens: issue 19 item 6)."""
    calendar = load_calendar()
    return [calculator.add_working_days(start, n, calendar) for n in counts]


def working_days_between(d1: date, d2: date) -> Span:
    """Working days after d1 up to and including d2."""
    return calculator.working_days_between(d1, d2, load_calendar())


def working_day_index(start: date, today: date | None = None) -> int:
    """ "第 X 个工作日" of a period that began on `start`."""
    return calculator.working_day_index(start, today or legal_today(), load_calendar())


def is_working_day(d: date) -> bool:
    return calculator.is_working_day(d, load_calendar())


def legal_today() -> date:
    return timezone.localdate(timezone=LEGAL_TZ)


def legal_date(moment: datetime) -> date:
    """The date in China of a received-at timestamp: a request at 23:30 on Friday was received on Friday."""
    return timezone.localtime(moment, LEGAL_TZ).date()


def is_year_announced(year: int) -> bool:
    row = HolidayYear.objects.filter(year=year).first()
    if row is not None:
        return row.is_announced
    return year in package_data.schedules()


def year_row(year: int) -> HolidayYear | None:
    return HolidayYear.objects.filter(year=year).first()


def stored_days(year: int):
    return SpecialDay.objects.filter(year__year=year).order_by("date")


def year_days(year: int, cal: WorkCalendar | None = None) -> list[dict]:
    """The days off and make-up days the calendar applies in `year`, whatever their source."""
    cal = cal or load_calendar()
    if year not in cal.entered_years:
        return [
            {"on": on, "kind": SpecialDay.Kind.STATUTORY_HOLIDAY, "name": name, "computed": True}
            for on, name in provisional_holidays(year).items()
        ]
    days = [
        {
            "on": on,
            "kind": SpecialDay.Kind.STATUTORY_HOLIDAY,
            "name": cal.names.get(on, ""),
            "computed": False,
        }
        for on in cal.holidays
        if on.year == year
    ]
    days += [
        {"on": on, "kind": SpecialDay.Kind.MAKEUP_WORKDAY, "name": cal.names.get(on, ""), "computed": False}
        for on in cal.makeup_days
        if on.year == year
    ]
    return sorted(days, key=lambda d: d["on"])


def year_summaries(today: date | None = None) -> list[dict]:
    """Every year the table or the package knows, plus this year and next, newest first."""
    today = today or legal_today()
    cal = load_calendar()
    rows = {row.year: row for row in HolidayYear.objects.annotate(n=Count("days"))}
    years = set(rows) | set(package_data.schedules()) | {today.year, today.year + 1}
    summaries = []
    for year in sorted(years, reverse=True):
        row = rows.get(year)
        days = year_days(year, cal)
        if row is not None:
            source = row.source_note or ("已录入，尚未公布" if row.n else "按法定节日推算")
        elif year in package_data.schedules():
            source = package_data.source_note(year) + "，尚未写入数据表"
        else:
            source = "按《全国年节及纪念日放假办法》推算"
        summaries.append(
            {
                "year": year,
                "announced": year in cal.announced_years,
                "source": source,
                "holidays": sum(1 for d in days if d["kind"] == SpecialDay.Kind.STATUTORY_HOLIDAY),
                "makeup_days": sum(1 for d in days if d["kind"] == SpecialDay.Kind.MAKEUP_WORKDAY),
                "in_table": row is not None,
            }
        )
    return summaries


def next_year_warning(today: date) -> str | None:
    """From 1 December, the Chinese warning that next year's schedule is missing (None otherwise)."""
    if today.month != 12:
        return None
    if is_year_announced(today.year + 1):
        return None
    return (
        f"{today.year + 1}年的节假日安排尚未录入：该年的工作日按法定节日推算（暂定），"
        f"期限可能不准确。国务院办公厅公布通知后，请系统管理员在“工作日历”中录入{today.year + 1}年的"
        f"放假和调休日期并标记为已公布。"
    )
