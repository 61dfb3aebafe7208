"""重大行政决策程序暂行条例 Art. 15 (≥ 30 days unless urgent with a published reason) and Art. 16
(hearing materials ≥ 7 days before), as pure functions."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from gongkai.consultations import rules

TZ = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 3, 2, 9, 0, tzinfo=TZ)


def test_art15_major_decision_needs_thirty_days():
    problem = rules.window_problem(
        opens_at=START,
        closes_at=START + timedelta(days=29, hours=23),
        is_major=True,
        is_urgent=False,
        urgency_reason="",
    )
    assert problem[0] == "closes_at"
    assert "不少于30日" in problem[1] and "第十五条" in problem[1]
    assert (
        rules.window_problem(
            opens_at=START,
            closes_at=START + timedelta(days=30),
            is_major=True,
            is_urgent=False,
            urgency_reason="",
        )
        is None
    )


def test_art15_urgent_may_shorten_only_with_a_reason():
    short = START + timedelta(days=10)
    assert (
        rules.window_problem(
            opens_at=START, closes_at=short, is_major=True, is_urgent=True, urgency_reason="  "
        )[0]
        == "urgency_reason"
    )
    assert (
        rules.window_problem(
            opens_at=START, closes_at=short, is_major=True, is_urgent=True, urgency_reason="上级部署限期出台"
        )
        is None
    )


def test_a_minor_consultation_may_be_short_but_must_close_after_opening():
    assert (
        rules.window_problem(
            opens_at=START,
            closes_at=START + timedelta(days=7),
            is_major=False,
            is_urgent=False,
            urgency_reason="",
        )
        is None
    )
    assert (
        rules.window_problem(
            opens_at=START, closes_at=START, is_major=False, is_urgent=False, urgency_reason=""
        )[0]
        == "closes_at"
    )


def test_art16_hearing_materials_seven_days_before():
    held = date(2026, 4, 20)
    assert rules.hearing_problem(materials_sent_on=date(2026, 4, 13), held_on=held) is None
    assert "7日前" in rules.hearing_problem(materials_sent_on=date(2026, 4, 14), held_on=held)
    assert rules.hearing_problem(materials_sent_on=None, held_on=held) is not None


def test_phase_opens_and_closes_at_its_minute():
    closes = START + timedelta(days=30)
    assert rules.phase(now=START - timedelta(seconds=1), opens_at=START, closes_at=closes) == "upcoming"
    assert rules.phase(now=START, opens_at=START, closes_at=closes) == "open"
    assert rules.phase(now=closes - timedelta(seconds=1), opens_at=START, closes_at=closes) == "open"
    assert rules.phase(now=closes, opens_at=START, closes_at=closes) == "closed"


def test_split_articles_and_ordinals():
    assert rules.split_articles("第一条 甲\n续行\n第二条　乙\n\n第十二条丙") == ["甲\n续行", "乙", "丙"]
    assert [rules.chinese_ordinal(n) for n in (1, 10, 12, 20, 25, 100, 105, 120)] == [
        "一",
        "十",
        "十二",
        "二十",
        "二十五",
        "一百",
        "一百零五",
        "一百二十",
    ]


def test_diff_segments_show_what_changed():
    segments = rules.diff_segments("应当遵循依法、公正的原则。", "应当遵循依法、公正、公开的原则。")
    assert [(s.op, s.text) for s in segments] == [
        ("equal", "应当遵循依法、公正"),
        ("insert", "、公开"),
        ("equal", "的原则。"),
    ]
