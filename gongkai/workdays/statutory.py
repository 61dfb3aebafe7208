"""Statutory holidays computed for a year whose schedule is not yet announced (pure, no ORM).

全国年节及纪念日放假办法 (2024 revision, in force since 2025-01-01) Art. 2 lists the whole-people
holidays; lunar dates come from `lunardate`, the 清明 solar term from chinese-calendar's astronomical
table. Art. 6 (a whole-people holiday on a Saturday or Sunday is compensated on a working day, 补假)
is applied as the State Council has done it in its notices: the compensating day off is the first
weekday after the holiday that is not itself a day off (2022-01-03 for 元旦 on Saturday 2022-01-01;
2021-04-05 for 清明 on Sunday 2021-04-04). A provisional year gets no make-up working days (调休上班):
they exist only by a State Council notice, and guessing them would shorten deadlines. See ADR 0007.
"""

from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

import chinese_calendar
from lunardate import LunarDate

# lunardate covers lunar years 1900-2099; 除夕 of 1900 would need the lunar year 1899.
MIN_YEAR = 1901
MAX_YEAR = 2099

SATURDAY = (
    5  # date.weekday(): Saturday and Sunday are the weekly rest days (国务院关于职工工作时间的规定 Art. 7)
)


class YearOutOfRange(ValueError):
    def __init__(self, year: int):
        super().__init__(f"只能计算 {MIN_YEAR}—{MAX_YEAR} 年的日期（收到的年份：{year}）。")
        self.year = year


def check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise YearOutOfRange(year)


def qingming(year: int) -> date:
    """The 清明 solar term (Art. 2 (三): 农历清明当日), always 4-6 April."""
    terms = chinese_calendar.get_solar_terms(date(year, 4, 1), date(year, 4, 10))
    return next(d for d, name in terms if name == "清明")


def lunar_new_year(year: int) -> date:
    return LunarDate(year, 1, 1).to_solar_date()


@lru_cache(maxsize=256)
def statutory_days(year: int) -> tuple[tuple[date, str], ...]:
    """The days off of Art. 2 for `year`, in date order; a day may appear twice when two holidays meet
    (中秋 on 1 October, as in 2020)."""
    check_year(year)
    new_year = lunar_new_year(year)
    days = [
        (date(year, 1, 1), "元旦"),  # Art. 2 (一)
        # Art. 2 (二): 除夕 is the day before 正月初一, whether the 12th month has 29 or 30 days.
        (new_year - timedelta(days=1), "春节"),
        (new_year, "春节"),
        (new_year + timedelta(days=1), "春节"),
        (new_year + timedelta(days=2), "春节"),
        (qingming(year), "清明节"),  # Art. 2 (三)
        (date(year, 5, 1), "劳动节"),  # Art. 2 (四)
        (date(year, 5, 2), "劳动节"),
        (LunarDate(year, 5, 5).to_solar_date(), "端午节"),  # Art. 2 (五)
        (LunarDate(year, 8, 15).to_solar_date(), "中秋节"),  # Art. 2 (六)
        (date(year, 10, 1), "国庆节"),  # Art. 2 (七)
        (date(year, 10, 2), "国庆节"),
        (date(year, 10, 3), "国庆节"),
    ]
    return tuple(sorted(days, key=lambda item: item[0]))  # stable: Art. 2 order on a shared day


@lru_cache(maxsize=256)
def provisional_holidays(year: int) -> MappingProxyType:
    """Art. 2 days off plus the Art. 6 compensating days (named "元旦（补假）" etc.) for `year`."""
    holidays: dict[date, str] = {}
    needs_compensation: list[tuple[date, str]] = []
    for day, name in statutory_days(year):
        if day in holidays or day.weekday() >= SATURDAY:
            # Art. 6 covers Saturday and Sunday; a day on which two holidays meet is compensated too,
            # as the State Council did when 中秋 fell on 国庆 (2020: eight days off).
            needs_compensation.append((day, name))
        holidays[day] = f"{holidays[day]}、{name}" if day in holidays else name
    for day, name in needs_compensation:
        candidate = day + timedelta(days=1)
        while candidate.weekday() >= SATURDAY or candidate in holidays:
            candidate += timedelta(days=1)
        holidays[candidate] = f"{name}（补假）"
    return MappingProxyType(dict(sorted(holidays.items())))
