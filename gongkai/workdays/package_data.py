"""The announced schedules shipped in the `chinese-calendar` package (2004-2026 in 1.11.0), read as data.

Only its `holidays` and `workdays` dicts are used. Its `find_workday` is not: it counts from the start
day when that day is a working day and is one day generous when it is not (STACK-NOTES.md), while a
period starts the day after (民法典 Art. 201). ADR 0007.
"""

from collections import defaultdict
from datetime import date
from functools import lru_cache

import chinese_calendar

NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}
PACKAGE_LABEL = f"chinese-calendar {getattr(chinese_calendar, '__version__', '')}".strip()


def source_note(year: int) -> str:
    return f"国务院办公厅关于{year}年部分节假日安排的通知（据 {PACKAGE_LABEL} 数据导入）"


def _chinese(name) -> str:
    text = getattr(name, "value", name)
    return NAMES.get(text, str(text))


@lru_cache(maxsize=1)
def schedules() -> dict[int, dict[str, dict[date, str]]]:
    """{year: {"holidays": {date: 春节}, "makeup_days": {date: 春节}}} for every year the package knows."""
    years: dict[int, dict[str, dict[date, str]]] = defaultdict(lambda: {"holidays": {}, "makeup_days": {}})
    for day, name in chinese_calendar.holidays.items():
        years[day.year]["holidays"][day] = _chinese(name)
    for day, name in chinese_calendar.workdays.items():
        years[day.year]["makeup_days"][day] = _chinese(name)
    return dict(sorted(years.items()))


def years() -> list[int]:
    return list(schedules())
