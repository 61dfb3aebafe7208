"""The window by its minutes and the tally (rules.py)."""

from datetime import datetime

from gongkai.surveys import rules
from gongkai.surveys.rules import Mark, QuestionSpec

OPENS, CLOSES = datetime(2026, 6, 1, 9, 0), datetime(2026, 6, 8, 17, 30)


def test_the_window_opens_at_its_minute_and_closes_at_its_minute():
    assert rules.phase(OPENS, CLOSES, datetime(2026, 6, 1, 8, 59, 59)) == rules.UPCOMING
    assert rules.phase(OPENS, CLOSES, OPENS) == rules.OPEN
    assert rules.phase(OPENS, CLOSES, datetime(2026, 6, 8, 17, 29, 59)) == rules.OPEN
    assert rules.phase(OPENS, CLOSES, CLOSES) == rules.CLOSED


def test_to_minute_drops_seconds():
    assert rules.to_minute(datetime(2026, 6, 1, 9, 0, 42, 5)) == OPENS


def test_tally_counts_options_scales_matrices_and_only_approved_texts():
    questions = [
        QuestionSpec(1, 1, "single", "渠道", options=("网站", "微信")),
        QuestionSpec(2, 2, "multiple", "关注", options=("GDP", "人口", "价格")),
        QuestionSpec(3, 3, "scale", "满意度", scale=(1, 2, 3, 4, 5)),
        QuestionSpec(4, 4, "matrix", "评价", options=("满意", "不满意"), rows=("及时", "准确")),
        QuestionSpec(5, 5, "text", "建议"),
    ]
    marks = [
        Mark(1, 1, option=0),
        Mark(2, 1, option=0),
        Mark(3, 1, option=1),
        Mark(1, 2, option=0),
        Mark(1, 2, option=2),
        Mark(2, 2, option=0),
        Mark(1, 3, value=5),
        Mark(2, 3, value=4),
        Mark(3, 3, value=3),
        Mark(1, 4, row=0, option=0),
        Mark(1, 4, row=1, option=1),
        Mark(2, 4, row=0, option=0),
        Mark(1, 5, text="希望多发布区县数据", published=True),
        Mark(2, 5, text="广告内容", published=False),
    ]
    result = rules.tally(questions, marks, responses=3)
    single, multiple, scale, matrix, text = result["questions"]
    assert result["responses"] == 3
    assert [(o["label"], o["count"], o["share"]) for o in single["options"]] == [
        ("网站", 2, 66.7),
        ("微信", 1, 33.3),
    ]
    assert [(o["count"], o["share"]) for o in multiple["options"]] == [(2, 100.0), (0, 0.0), (1, 50.0)]
    assert multiple["answered"] == 2
    assert scale["mean"] == 4.0
    assert [r["counts"] for r in matrix["rows"]] == [[2, 0], [0, 1]]
    assert (text["received"], text["texts"]) == (2, ["希望多发布区县数据"])


def test_a_question_nobody_answered_has_zero_shares_and_no_mean():
    result = rules.tally([QuestionSpec(1, 1, "scale", "满意度", scale=(1, 2, 3))], [], responses=0)
    assert result["questions"][0]["mean"] is None
    assert [v["share"] for v in result["questions"][0]["points"]] == [0.0, 0.0, 0.0]


def test_csv_rows_list_every_count():
    snapshot = rules.tally(
        [QuestionSpec(1, 1, "single", "渠道", options=("网站", "微信"))], [Mark(1, 1, option=1)], 1
    )
    assert rules.csv_rows(snapshot) == [
        ["题目", "选项或项目", "人数", "占比（%）"],
        ["1. 渠道", "网站", 0, 0.0],
        ["1. 渠道", "微信", 1, 100.0],
    ]
