"""Each clock of enforcement publicity and of the dishonesty listing, named by the rule it reads."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from gongkai.enforcement import clock

SH = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("kind", "decided_on", "due_on"),
    [
        # 国办发〔2018〕118号: 行政许可、行政处罚 within 7 working days of the decision.
        ("penalty", date(2026, 3, 2), date(2026, 3, 11)),
        ("licensing", date(2026, 3, 6), date(2026, 3, 17)),  # decided on a Friday
        # across National Day 2026 (1-7 October off, Saturday 10 October a make-up working day)
        ("penalty", date(2026, 9, 30), date(2026, 10, 15)),
        # 国办发〔2018〕118号: other enforcement decisions within 20 working days.
        ("coercion", date(2026, 3, 2), date(2026, 3, 30)),
        ("inspection", date(2026, 3, 2), date(2026, 3, 30)),
        ("other", date(2026, 9, 30), date(2026, 11, 3)),
    ],
)
def test_decision_publication_within_7_or_20_working_days_guobanfa_2018_118(cal, kind, decided_on, due_on):
    assert clock.decision_due_on(kind, decided_on, cal) == due_on


def test_coercion_is_not_licensing_or_penalty_so_it_has_20_days():
    assert clock.publication_days("coercion") == 20
    assert clock.publication_days("penalty") == clock.publication_days("licensing") == 7


@pytest.mark.parametrize(
    ("changed_on", "due_on"),
    [
        (date(2026, 3, 2), date(2026, 3, 5)),  # Monday → Thursday
        (date(2026, 3, 6), date(2026, 3, 11)),  # Friday → Wednesday (weekend not counted)
        (date(2026, 9, 30), date(2026, 10, 10)),  # National Day: 8, 9 and the make-up Saturday 10 October
    ],
)
def test_changed_penalty_withdrawn_within_3_working_days_penalty_law_art_48_and_85(cal, changed_on, due_on):
    """《行政处罚法》第四十八条第二款 (三日内撤回) read with 第八十五条 (“三日”是工作日)."""
    assert clock.withdrawal_due_on(changed_on, cal) == due_on


def test_inspection_results_within_20_working_days_of_completion(cal):
    assert clock.inspection_results_due_on(date(2026, 3, 2), cal) == date(2026, 3, 30)


def test_dishonesty_listed_within_20_working_days_of_the_decision_guotongzi_2019_33(cal):
    assert clock.dishonesty_listing_due_on(date(2026, 9, 30), cal) == date(2026, 11, 3)


def test_dishonesty_shown_for_1_year_to_the_minute_guotongzi_2019_33():
    listed = datetime(2026, 3, 2, 10, 30, tzinfo=SH)
    assert clock.listing_ends_at(listed, aggravated=False) == datetime(2027, 3, 2, 10, 30, tzinfo=SH)


def test_dishonesty_early_removal_not_before_6_months_guotongzi_2019_33():
    listed = datetime(2026, 3, 31, 9, 0, tzinfo=SH)
    # 31 March + 6 months: 30 September has no 31st, so the last day of September.
    assert clock.earliest_early_removal_at(listed) == datetime(2026, 9, 30, 9, 0, tzinfo=SH)


def test_dishonesty_2_years_on_false_rectification_or_repeat_guotongzi_2019_33():
    listed = datetime(2024, 2, 29, 8, 0, tzinfo=SH)
    assert clock.listing_ends_at(listed, aggravated=True) == datetime(2026, 2, 28, 8, 0, tzinfo=SH)
    assert clock.listing_ends_at(listed, aggravated=False) == datetime(2025, 2, 28, 8, 0, tzinfo=SH)


@pytest.mark.parametrize(
    ("due_on", "done_on", "late"),
    [
        (date(2026, 3, 11), date(2026, 3, 11), 0),
        (date(2026, 3, 11), date(2026, 3, 10), 0),
        (date(2026, 3, 11), date(2026, 3, 13), 2),
        (date(2026, 3, 13), date(2026, 3, 14), 1),  # published on the Saturday after a Friday deadline
    ],
)
def test_late_by_counts_working_days_after_the_due_day(cal, due_on, done_on, late):
    assert clock.late_by(due_on, done_on, cal) == late
