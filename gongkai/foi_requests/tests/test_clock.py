"""Every clock rule as a table with known answers (REQUIREMENTS.md "Working days")."""

from datetime import date

import pytest

from gongkai.foi_requests.clock import ClockEvent, compute_clock

R, SUP_REQ, SUP, START, END, EXT, FEE, PAID, ANSWER = (
    "confirm_receipt",
    "request_supplement",
    "receive_supplement",
    "start_consultation",
    "end_consultation",
    "extend",
    "fee_notice",
    "fee_paid",
    "answer",
)


def ev(kind, on, days=0, party=""):
    return ClockEvent(kind, on, days, party)


@pytest.mark.parametrize(
    ("received", "answer_due", "notice_due"),
    [
        (
            date(2026, 9, 19),
            date(2026, 10, 22),
            date(2026, 9, 29),
        ),  # a Saturday; National Day + make-up Sat 10-10
        (date(2026, 9, 22), date(2026, 10, 27), date(2026, 10, 9)),  # a Tuesday before National Day
        (date(2026, 2, 10), date(2026, 3, 16), date(2026, 2, 26)),  # across Spring Festival with make-up days
    ],
)
def test_answer_and_supplement_notice_due_dates(cal, received, answer_due, notice_due):
    clock = compute_clock([ev(R, received)], cal, received)
    assert clock.answer_due.due == answer_due
    assert clock.supplement_notice_due.due == notice_due
    assert clock.answer_due.provisional is False


def test_friday_evening_internet_application_counts_from_monday_confirmation(cal):
    # Submitted Fri 2026-09-18 at 21:00; staff confirm on Mon 2026-09-21: the receipt date is the Monday.
    clock = compute_clock([ev(R, date(2026, 9, 21))], cal, date(2026, 9, 21))
    assert clock.received_on == date(2026, 9, 21)
    assert clock.answer_due.due == date(2026, 10, 26)
    assert clock.day_index == 0


def test_unconfirmed_application_has_no_clock(cal):
    clock = compute_clock([], cal, date(2026, 9, 21))
    assert clock.answer_due is None
    assert "第三十一条" in clock.paused_reason


def test_supplement_pauses_then_restarts_the_clock(cal):
    events = [ev(R, date(2026, 9, 22)), ev(SUP_REQ, date(2026, 9, 24), days=10)]
    waiting = compute_clock(events, cal, date(2026, 9, 28))
    assert waiting.answer_due is None and "第三十条" in waiting.paused_reason
    assert waiting.supplement_due.due == date(2026, 10, 15)  # 10 working days incl. make-up Sat 10-10
    restarted = compute_clock([*events, ev(SUP, date(2026, 10, 12))], cal, date(2026, 10, 12))
    assert restarted.restarted is True
    assert restarted.start_on == date(2026, 10, 12)
    assert restarted.answer_due.due == date(2026, 11, 9)  # 20 working days after Mon 2026-10-12


def test_supplement_overdue_is_derived(cal):
    events = [ev(R, date(2026, 9, 22)), ev(SUP_REQ, date(2026, 9, 24), days=10)]
    assert compute_clock(events, cal, date(2026, 10, 15)).supplement_overdue is False
    assert compute_clock(events, cal, date(2026, 10, 16)).supplement_overdue is True


@pytest.mark.parametrize(
    ("party", "end", "due", "excluded_days"),
    [
        ("third_party", date(2026, 9, 30), date(2026, 10, 30), 3),  # 9-25 is 中秋节: 28, 29, 30 not counted
        ("agency", date(2026, 10, 9), date(2026, 11, 3), 5),  # 25 中秋; 28-30; National Day week off; 8, 9
        ("third_party", None, date(2026, 11, 17), 15),  # ongoing: assumed to run its 15 days (to 10-22)
        (
            "third_party",
            date(2026, 11, 30),
            date(2026, 11, 17),
            15,
        ),  # a late reply stops the clock only 15 days
    ],
)
def test_consultation_intervals_are_not_counted(cal, party, end, due, excluded_days):
    events = [ev(R, date(2026, 9, 22)), ev(START, date(2026, 9, 24), party=party)]
    if end:
        events.append(ev(END, end, party=party))
    clock = compute_clock(events, cal, date(2026, 10, 12))
    assert clock.answer_due.due == due
    assert clock.excluded[0].kind == party
    assert clock.excluded[0].working_days == excluded_days
    assert "第三十三条第三款" in clock.excluded[0].basis


def test_extension_adds_working_days_once(cal):
    events = [ev(R, date(2026, 9, 22)), ev(EXT, date(2026, 10, 20), days=20)]
    clock = compute_clock(events, cal, date(2026, 10, 20))
    assert clock.limit == 40
    assert clock.answer_due.due == date(2026, 11, 24)


def test_fee_notice_interval_is_not_counted_and_unpaid_is_overdue(cal):
    events = [ev(R, date(2026, 9, 22)), ev(FEE, date(2026, 10, 12)), ev(PAID, date(2026, 10, 14))]
    clock = compute_clock(events, cal, date(2026, 10, 14))
    assert clock.fee_due.due == date(2026, 11, 9)
    assert clock.answer_due.due == date(2026, 10, 29)  # two working days (13, 14) not counted
    unpaid = compute_clock(events[:2], cal, date(2026, 11, 10))
    assert unpaid.fee_overdue is True


def test_due_date_in_provisional_2027_says_so(cal):
    clock = compute_clock([ev(R, date(2026, 12, 15))], cal, date(2026, 12, 15))
    assert clock.answer_due.provisional is True
    assert clock.answer_due.provisional_years == (2027,)
    assert clock.answer_due.due == date(2027, 1, 13)  # 2027-01-01 元旦 computed from the statutory rules


def test_day_index_and_overdue_are_derived(cal):
    events = [ev(R, date(2026, 9, 22))]
    assert compute_clock(events, cal, date(2026, 9, 30)).day_index == 5  # 23, 24, (25 中秋), 28, 29, 30
    late = compute_clock(events, cal, date(2026, 10, 28))
    assert late.overdue is True and late.day_index == 21
    answered = compute_clock([*events, ev(ANSWER, date(2026, 10, 20))], cal, date(2026, 12, 1))
    assert answered.overdue is False and answered.answered_late is False and answered.day_index == 15


def test_ledger_lists_holidays_and_makeup_days(cal):
    clock = compute_clock([ev(R, date(2026, 9, 19))], cal, date(2026, 9, 19))
    assert [d.on for d in clock.makeup_days_applied] == [date(2026, 9, 20), date(2026, 10, 10)]
    assert date(2026, 10, 1) in [d.on for d in clock.holidays_applied]


# --- more rows around Spring Festival 2026 (2-15..2-23, make-up Sat 2-14 and 2-28) and National Day
# 2026 (中秋 9-25..27, make-up Sun 9-20; 10-1..7, make-up Sat 10-10), counted by hand day by day.
@pytest.mark.parametrize(
    ("received", "answer_due", "notice_due"),
    [
        (
            date(2026, 9, 18),
            date(2026, 10, 22),
            date(2026, 9, 29),
        ),  # last working Friday before 中秋/National Day
        (date(2026, 9, 30), date(2026, 11, 3), date(2026, 10, 15)),  # last working day before National Day
        (
            date(2026, 2, 18),
            date(2026, 3, 20),
            date(2026, 3, 3),
        ),  # received during Spring Festival: count from 2-24
        (
            date(2026, 2, 14),
            date(2026, 3, 20),
            date(2026, 3, 3),
        ),  # a make-up Saturday, then the whole holiday
        (date(2026, 3, 7), date(2026, 4, 3), date(2026, 3, 17)),  # an ordinary Saturday
    ],
)
def test_more_receipt_dates_around_the_holidays(cal, received, answer_due, notice_due):
    clock = compute_clock([ev(R, received)], cal, received)
    assert clock.answer_due.due == answer_due
    assert clock.supplement_notice_due.due == notice_due


@pytest.mark.parametrize(
    ("events", "answer_due", "start_on"),
    [
        # A supplement arriving during National Day restarts the 20 days from that day: counting from 10-8.
        (
            [ev(R, date(2026, 9, 22)), ev(SUP_REQ, date(2026, 9, 24), days=15), ev(SUP, date(2026, 10, 3))],
            date(2026, 11, 3),
            date(2026, 10, 3),
        ),
        # A supplement arriving during Spring Festival: counting from 2-24.
        (
            [ev(R, date(2026, 2, 10)), ev(SUP_REQ, date(2026, 2, 12), days=15), ev(SUP, date(2026, 2, 17))],
            date(2026, 3, 20),
            date(2026, 2, 17),
        ),
        # Extension across Spring Festival: 20 days to 2-24, then 20 more to 3-23.
        (
            [ev(R, date(2026, 1, 20)), ev(EXT, date(2026, 2, 10), days=20)],
            date(2026, 3, 23),
            date(2026, 1, 20),
        ),
        # A third-party consultation over Spring Festival: 2-13, 2-14, 2-24..2-28 and 3-2 (8 working days) not counted.
        (
            [
                ev(R, date(2026, 2, 10)),
                ev(START, date(2026, 2, 12), party="third_party"),
                ev(END, date(2026, 3, 2), party="third_party"),
            ],
            date(2026, 3, 26),
            date(2026, 2, 10),
        ),
    ],
)
def test_restart_extension_and_exclusion_around_the_holidays(cal, events, answer_due, start_on):
    clock = compute_clock(events, cal, date(2026, 3, 3))
    assert clock.answer_due.due == answer_due
    assert clock.start_on == start_on
    if any(e.kind == START for e in events):
        assert clock.excluded[0].working_days == 8


def test_fee_payment_period_over_national_day(cal):
    clock = compute_clock([ev(R, date(2026, 9, 22)), ev(FEE, date(2026, 9, 24))], cal, date(2026, 10, 29))
    assert clock.fee_due.due == date(2026, 10, 29)
    assert clock.fee_overdue is False
    assert compute_clock(
        [ev(R, date(2026, 9, 22)), ev(FEE, date(2026, 9, 24))], cal, date(2026, 10, 30)
    ).fee_overdue


def test_spring_festival_ledger_names_the_holidays_and_make_up_days(cal):
    clock = compute_clock([ev(R, date(2026, 2, 10))], cal, date(2026, 2, 10))
    assert [d.on for d in clock.makeup_days_applied] == [date(2026, 2, 14), date(2026, 2, 28)]
    # Only the holidays that fall on weekdays are "skipped" (a Sunday holiday would not count anyway).
    assert [d.on for d in clock.holidays_applied] == [date(2026, 2, d) for d in (16, 17, 18, 19, 20, 23)]
