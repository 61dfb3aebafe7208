"""The rules of the annual self-inspection, at their edges."""

from datetime import date

import pytest

from gongkai.core.errors import ValidationFailed
from gongkai.self_inspection import rules

TODAY = date(2026, 3, 1)


@pytest.mark.parametrize(
    ("year", "message"),
    [
        (2007, "自 2008 年起施行"),
        (2027, "尚未开始的年度"),
        ("二〇二五", "四位数的年度"),
        (None, "四位数的年度"),
    ],
)
def test_campaign_year_outside_the_law_or_the_calendar_is_refused(year, message):
    with pytest.raises(ValidationFailed, match=message) as caught:
        rules.check_year(year, TODAY)
    assert caught.value.field == "year"


@pytest.mark.parametrize("year", [2008, 2025, 2026])
def test_campaign_year_from_2008_to_this_year_is_accepted(year):
    assert rules.check_year(str(year), TODAY) == year


def test_keeping_information_withheld_needs_an_article_of_the_regulation():
    with pytest.raises(ValidationFailed, match="第十四、十五、十六条") as caught:
        rules.check_decision("keep_withheld", reason="涉及个人隐私")
    assert caught.value.field == "article"
    assert rules.check_decision("keep_withheld", article_code="art15", reason="涉及个人隐私") == (
        "keep_withheld",
        "art15",
        "涉及个人隐私",
    )


def test_an_article_is_dropped_from_decisions_that_do_not_withhold():
    assert rules.check_decision("publish", article_code="art15", reason="情势变化可以公开")[1] == ""


def test_already_public_needs_the_item_and_every_decision_a_reason():
    with pytest.raises(ValidationFailed) as caught:
        rules.check_decision("already_public", reason="已在网站发布")
    assert caught.value.field == "item"
    with pytest.raises(ValidationFailed, match="至少 4 个字") as caught:
        rules.check_decision("publish", reason="可以")
    assert caught.value.field == "reason"
    with pytest.raises(ValidationFailed) as caught:
        rules.check_decision("maybe", reason="情势变化可以公开")
    assert caught.value.field == "decision"


def test_every_article_quotes_its_text():
    assert [a.citation for a in rules.ARTICLES] == [
        "《政府信息公开条例》第十四条",
        "《政府信息公开条例》第十五条",
        "《政府信息公开条例》第十六条第一款",
        "《政府信息公开条例》第十六条第二款",
    ]
    assert all(len(a.text) > 30 for a in rules.ARTICLES)


def test_closing_lists_what_is_missing():
    assert (
        rules.missing_for_close(
            undecided_entries=0, unreviewed_negative=0, conclusion="全部完成整改并已经报送"
        )
        == []
    )
    assert rules.missing_for_close(undecided_entries=2, unreviewed_negative=1, conclusion="好") == [
        "还有 2 项信息未作出自查决定",
        "还有 1 项负面清单事项未审查",
        "请填写自查整改情况（至少 10 个字）",
    ]
