"""Parsing a year's schedule typed or pasted by an administrator (pure, no ORM).

One line per day or range, fields separated by a comma (half or full width), a tab or spaces:

    2027-02-05~2027-02-12, 休, 春节
    2027-02-14, 班, 春节

The kind is 休 / 假 / 放假 / holiday (a day off) or 班 / 上班 / 调休 / makeup (a make-up working day).
Empty lines and lines starting with # are skipped; a header line starting with 日期 or date is skipped.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from gongkai.core.errors import ValidationFailed

HOLIDAY = "statutory_holiday"
MAKEUP = "makeup_workday"
KIND_WORDS = {
    "休": HOLIDAY,
    "假": HOLIDAY,
    "放假": HOLIDAY,
    "holiday": HOLIDAY,
    "statutory_holiday": HOLIDAY,
    "班": MAKEUP,
    "上班": MAKEUP,
    "调休": MAKEUP,
    "调休上班": MAKEUP,
    "makeup": MAKEUP,
    "makeup_workday": MAKEUP,
}
MAX_RANGE_DAYS = 31  # no holiday block is longer; a longer range is a typing mistake


@dataclass(frozen=True)
class ScheduleDay:
    on: date
    kind: str
    name: str


def parse_date(text: str) -> date:
    """YYYY-MM-DD (also YYYY/MM/DD and YYYY.MM.DD); raises ValueError with a Chinese message."""
    match = re.fullmatch(r"\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s*", text or "")
    if not match:
        raise ValueError(f"日期“{text}”格式不正确，请按 YYYY-MM-DD 填写，例如 2026-10-01。")
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        raise ValueError(f"日期“{text}”不存在，请检查月份和日。")


def parse_schedule(text: str, *, year: int) -> list[ScheduleDay]:
    days: dict[date, ScheduleDay] = {}
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#") or re.match(r"(日期|date)", line, re.I):
            continue
        parts = [p for p in re.split(r"\s*[,，\t]\s*", line) if p]
        if len(parts) == 1:
            parts = line.split()
        if len(parts) != 3:
            raise ValidationFailed(f"第 {number} 行应有三项：日期、类型（休/班）、节日名称。", field="text")
        when, kind_word, name = parts
        kind = KIND_WORDS.get(kind_word.strip().lower())
        if kind is None:
            raise ValidationFailed(
                f"第 {number} 行的类型“{kind_word}”无法识别，请填“休”或“班”。", field="text"
            )
        try:
            pieces = re.split(r"\s*(?:~|～|至|—|--)\s*", when)
            if len(pieces) > 2:
                raise ValueError(f"日期范围“{when}”格式不正确。")
            first = parse_date(pieces[0])
            last = parse_date(pieces[1]) if len(pieces) == 2 else first
        except ValueError as exc:
            raise ValidationFailed(f"第 {number} 行：{exc}", field="text")
        if last < first or (last - first).days >= MAX_RANGE_DAYS:
            raise ValidationFailed(
                f"第 {number} 行的日期范围不正确（结束日期须不早于开始日期且不超过 31 天）。", field="text"
            )
        d = first
        while d <= last:
            if d.year != year:
                raise ValidationFailed(f"第 {number} 行的日期 {d:%Y-%m-%d} 不属于 {year} 年。", field="text")
            if d in days:
                raise ValidationFailed(f"第 {number} 行的日期 {d:%Y-%m-%d} 与前面的行重复。", field="text")
            days[d] = ScheduleDay(d, kind, name.strip()[:60])
            d += timedelta(days=1)
    if not days:
        raise ValidationFailed("没有读到任何日期，请按“日期, 休/班, 节日名称”每行一条填写。", field="text")
    return sorted(days.values(), key=lambda day: day.on)
