from datetime import date

import pytest

from gongkai.core.errors import ValidationFailed
from gongkai.workdays.schedule import parse_date, parse_schedule

D = date.fromisoformat


def test_parses_ranges_single_days_and_separators():
    text = """日期, 类型, 节日
# 2027 年（示例）
2027-02-05~2027-02-07, 休, 春节
2027-02-14，班，春节
2027/10/09\t上班\t国庆节
"""
    days = parse_schedule(text, year=2027)
    assert [(d.on, d.kind, d.name) for d in days] == [
        (D("2027-02-05"), "statutory_holiday", "春节"),
        (D("2027-02-06"), "statutory_holiday", "春节"),
        (D("2027-02-07"), "statutory_holiday", "春节"),
        (D("2027-02-14"), "makeup_workday", "春节"),
        (D("2027-10-09"), "makeup_workday", "国庆节"),
    ]


@pytest.mark.parametrize(
    "text,message",
    [
        ("2027-02-05, 休", "第 1 行应有三项"),
        ("2027-02-05, 玩, 春节", "类型“玩”无法识别"),
        ("2027-02-30, 休, 春节", "不存在"),
        ("2026-12-31, 休, 元旦", "不属于 2027 年"),
        ("2027-02-05, 休, 春节\n2027-02-05, 休, 春节", "第 2 行的日期 2027-02-05 与前面的行重复"),
        ("2027-02-09~2027-02-05, 休, 春节", "日期范围不正确"),
        ("", "没有读到任何日期"),
    ],
)
def test_errors_name_the_line(text, message):
    with pytest.raises(ValidationFailed, match=message):
        parse_schedule(text, year=2027)


def test_parse_date_messages_are_chinese():
    assert parse_date("2026年9月19日") == D("2026-09-19")
    with pytest.raises(ValueError, match="格式不正确"):
        parse_date("19/09/2026")
