import pytest

from gongkai.foi_requests.fees import compute_fee, fee_per_page, fee_per_request
from gongkai.foi_requests.outcomes import (
    OUTCOMES,
    RESULT_ROW_KEYS,
    ROWS_BY_KEY,
    TABLE3_ROWS,
    Outcome,
    remedies_for,
    row_for,
)

# REQUIREMENTS.md "Outcome → row", one line per decision.
EXPECTED_ROWS = {
    "already_public": "1",
    "disclosed": "1",
    "partial": "2",
    "state_secret": "3.1",
    "law_forbids": "3.2",
    "three_safety": "3.3",
    "third_party": "3.4",
    "internal_affairs": "3.5",
    "process_information": "3.6",
    "enforcement_file": "3.7",
    "special_law_query": "3.8",
    "does_not_exist": "4.1",
    "not_this_agency": "4.1",
    "needs_new_work": "4.2",
    "unclear_after_supplement": "4.3",
    "petition": "5.1",
    "repeat": "5.2",
    "publication": "5.3",
    "excessive": "5.4",
    "reconfirm": "5.5",
    "supplement_lapsed": "6.1",
    "fee_unpaid": "6.2",
    "other": "6.3",
}


@pytest.mark.parametrize(("outcome", "row"), EXPECTED_ROWS.items())
def test_each_outcome_lands_in_exactly_one_row(outcome, row):
    assert row_for(outcome) == row


def test_every_result_row_is_reachable_and_every_outcome_mapped():
    assert set(OUTCOMES) == set(Outcome)
    assert set(EXPECTED_ROWS.values()) == set(RESULT_ROW_KEYS)


def test_row_labels_are_exact():
    assert ROWS_BY_KEY["2"].label == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert ROWS_BY_KEY["3.3"].label == "3.危及“三安全一稳定”"
    assert (
        ROWS_BY_KEY["6.2"].label == "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    )
    assert [r.label for r in TABLE3_ROWS][0] == "一、本年新收政府信息公开申请数量"
    assert [r.label for r in TABLE3_ROWS][-1] == "四、结转下年度继续办理"
    assert len(TABLE3_ROWS) == 30


def test_refusals_state_review_first_and_others_both_remedies():
    assert "第二十三条" in remedies_for("state_secret") and "应当先申请行政复议" in remedies_for(
        "state_secret"
    )
    assert "六十日" in remedies_for("disclosed") and "六个月" in remedies_for("disclosed")
    assert "第四十六条" in remedies_for("disclosed") and "第二十三条" not in remedies_for("disclosed")


@pytest.mark.parametrize(
    ("ordinal", "fee"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300), (51, 400)],
)
def test_fee_per_request_band_edges(ordinal, fee):
    assert fee_per_request(ordinal) == fee


@pytest.mark.parametrize(
    ("pages", "fee"),
    [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)],
)
def test_fee_per_page_band_edges(pages, fee):
    assert fee_per_page(pages) == fee


def test_free_by_default():
    assert compute_fee("none").amount == 0
