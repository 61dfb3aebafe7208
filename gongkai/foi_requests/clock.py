"""The statutory clocks of a request, computed from its events by pure functions (ADR 0012).

`compute_clock(events, cal, today)` takes the request's timeline (as `ClockEvent` values), a
`WorkCalendar` and the legal date of today, and returns every deadline with the ledger that explains
it. Nothing here reads the database or the clock, so a deadline is recomputed at every read: when an
administrator enters next year's holidays, every deadline that touched the provisional year moves.

Periods follow 民法典 Art. 201 (the day an event happens is not counted; the period starts the next
day) through `gongkai.workdays.calculator`. An excluded interval (s, e] means: the working days after
s up to and including e are not counted, i.e. counting stops the day the consultation letter or the
fee notice goes out and resumes the day after the reply or the payment.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from gongkai.workdays.calculator import (
    DueDate,
    LedgerDay,
    WorkCalendar,
    add_working_days,
    working_days_between,
)

from .states import Action

# 《条例》Art. 30: one notice to supplement, within 7 working days of receipt.
SUPPLEMENT_NOTICE_DAYS = 7
# 《条例》Art. 33 ¶2: answer within 20 working days of receipt (restarted from the supplement, Art. 30).
ANSWER_DAYS = 20
# 《条例》Art. 33 ¶2: one extension of at most 20 working days, approved by the head of the openness office.
MAX_EXTENSION_DAYS = 20
# 《条例》Art. 32: a third party replies within 15 working days of receiving the letter.
THIRD_PARTY_DAYS = 15
# 《条例》Art. 34: a co-producing agency replies within 15 working days; silence counts as consent.
AGENCY_CONSULTATION_DAYS = 15
# 国办函〔2020〕109号: the applicant pays within 20 working days of the fee notice, else the request lapses.
FEE_PAYMENT_DAYS = 20
# A reasonable period for the supplement when the notice names none (Art. 30 leaves it to the agency).
DEFAULT_SUPPLEMENT_DAYS = 15

THIRD_PARTY = "third_party"
AGENCY = "agency"
FEE = "fee"

EXCLUSION_RULES = {
    THIRD_PARTY: (
        "征求第三方意见",
        THIRD_PARTY_DAYS,
        "《条例》第三十二条、第三十三条第三款：征求第三方意见所需时间不计算在答复期限内",
    ),
    AGENCY: (
        "征求相关行政机关意见",
        AGENCY_CONSULTATION_DAYS,
        "《条例》第三十四条、第三十三条第三款：征求其他机关意见所需时间不计算在答复期限内（逾期未提出意见视为同意公开）",
    ),
    FEE: (
        "等待缴纳信息处理费",
        FEE_PAYMENT_DAYS,
        "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）：收费通知至缴费期间不计算在答复期限内",
    ),
}


@dataclass(frozen=True)
class ClockEvent:
    """What the clock needs of one `RequestEvent`: its kind (an Action value), legal date and data."""

    kind: str
    on: date
    days: int = 0
    party: str = ""
    recorded_on: date | None = None  # the legal date of the day the event was entered


def lapse_date(deadline: date) -> date:
    """The day a request lapses: the day after the last day of the supplement or payment period
    (《条例》Art. 30; 国办函〔2020〕109号). It closes on that date whether or not the worker ran."""
    return deadline + timedelta(days=1)


@dataclass(frozen=True)
class Excluded:
    kind: str
    label: str
    basis: str
    start: date
    end: date  # the last day not counted
    legal_end: date  # the day the legal period for the reply or payment ends
    ongoing: bool
    working_days: int = 0  # working days of the interval that would otherwise have counted


@dataclass(frozen=True)
class Clock:
    received_on: date | None = None
    start_on: date | None = None
    restarted: bool = False
    extension_days: int = 0
    limit: int = ANSWER_DAYS
    supplement_notice_due: DueDate | None = None
    supplement_requested_on: date | None = None
    supplement_due: DueDate | None = None
    supplement_received_on: date | None = None
    fee_notice_on: date | None = None
    fee_due: DueDate | None = None
    fee_paid_on: date | None = None
    excluded: tuple[Excluded, ...] = ()
    answer_due: DueDate | None = None
    paused_reason: str = ""
    closed_on: date | None = None
    # While waiting for a supplement or a payment: the day the request lapses and how (an Action value).
    # When `today` has reached it the request is closed at read time (`lapsed`), like the embargo.
    lapses_on: date | None = None
    lapse_kind: str = ""
    answer_recorded_on: date | None = None
    day_index: int = 0  # "第 X 个工作日"
    today: date | None = None
    holidays_applied: tuple[LedgerDay, ...] = field(default=())
    makeup_days_applied: tuple[LedgerDay, ...] = field(default=())
    provisional_years: tuple[int, ...] = ()

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_years)

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    @property
    def overdue(self) -> bool:
        """Derived, never stored: open and past the answer date."""
        return (
            self.is_open
            and self.answer_due is not None
            and self.today is not None
            and self.today > self.answer_due.due
        )

    @property
    def lapsed(self) -> bool:
        """Closed by the law on `lapses_on` (the worker records the event later, dated that day)."""
        return self.lapses_on is not None and self.today is not None and self.today >= self.lapses_on

    @property
    def answered_late(self) -> bool:
        """Judged from the day the answer was recorded, so a back-dated answer is not "on time"."""
        answered_on = max(filter(None, (self.closed_on, self.answer_recorded_on)), default=None)
        return answered_on is not None and self.answer_due is not None and answered_on > self.answer_due.due

    @property
    def supplement_overdue(self) -> bool:
        return (
            (self.is_open or self.lapse_kind == Action.SUPPLEMENT_LAPSED)
            and self.supplement_due is not None
            and self.supplement_received_on is None
            and self.today is not None
            and self.today > self.supplement_due.due
        )

    @property
    def fee_overdue(self) -> bool:
        return (
            (self.is_open or self.lapse_kind == Action.FEE_LAPSED)
            and self.fee_due is not None
            and self.fee_paid_on is None
            and self.today is not None
            and self.today > self.fee_due.due
        )


def _merge(intervals: list[tuple[date, date]]) -> list[tuple[date, date]]:
    merged: list[tuple[date, date]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


class _Acc:
    """Collects the ledger of the pieces a period was computed from."""

    def __init__(self):
        self.holidays: dict[date, LedgerDay] = {}
        self.makeup: dict[date, LedgerDay] = {}
        self.years: set[int] = set()

    def add(self, piece) -> None:
        self.years.update(piece.provisional_years)
        self.holidays.update({d.on: d for d in piece.holidays_applied})
        self.makeup.update({d.on: d for d in piece.makeup_days_applied})


def _advance(start: date, n: int, gaps: list[tuple[date, date]], cal: WorkCalendar, acc: _Acc) -> DueDate:
    """The n-th counted working day after `start`, skipping the working days inside `gaps`."""
    remaining, cursor = n, start
    for gap_start, gap_end in gaps:
        if gap_end <= cursor:
            continue
        gap_start = max(gap_start, cursor)
        span = working_days_between(cursor, gap_start, cal)
        if span.working_days >= remaining:
            break
        acc.add(span)
        remaining -= span.working_days
        cursor = gap_end
    due = add_working_days(cursor, remaining, cal)
    acc.add(due)
    return DueDate(
        start=start,
        days=n,
        due=due.due,
        provisional=bool(acc.years),
        provisional_years=tuple(sorted(acc.years)),
        holidays_applied=tuple(sorted(acc.holidays.values(), key=lambda d: d.on)),
        makeup_days_applied=tuple(sorted(acc.makeup.values(), key=lambda d: d.on)),
    )


def _count(start: date, end: date, gaps: list[tuple[date, date]], cal: WorkCalendar) -> int:
    """Counted working days after `start` up to and including `end`."""
    if end <= start:
        return 0
    total, cursor = 0, start
    for gap_start, gap_end in gaps:
        if gap_end <= cursor:
            continue
        if gap_start >= end:
            break
        gap_start = max(gap_start, cursor)
        total += working_days_between(cursor, gap_start, cal).working_days
        cursor = min(gap_end, end)
        if cursor >= end:
            return total
    return total + working_days_between(cursor, end, cal).working_days


def compute_clock(events: list[ClockEvent], cal: WorkCalendar, today: date) -> Clock:
    events = sorted(events, key=lambda e: e.on)
    received_on = start_on = None
    restarted = False
    extension = 0
    supplement_requested_on = supplement_received_on = None
    supplement_days = DEFAULT_SUPPLEMENT_DAYS
    fee_notice_on = fee_paid_on = None
    closed_on = answer_recorded_on = None
    open_consultations: dict[str, date] = {}
    raw: list[tuple[str, date, date | None]] = []  # (kind, start, actual end or None)

    for event in events:
        kind = event.kind
        if kind == Action.CONFIRM_RECEIPT and received_on is None:
            received_on = start_on = event.on
        elif kind == Action.REQUEST_SUPPLEMENT:
            supplement_requested_on = event.on
            supplement_days = event.days or DEFAULT_SUPPLEMENT_DAYS
        elif kind == Action.RECEIVE_SUPPLEMENT:
            # Art. 30: the answer period runs from the day the supplemented application arrives.
            supplement_received_on = start_on = event.on
            restarted = True
            raw = [item for item in raw if item[1] >= event.on]
        elif kind == Action.START_CONSULTATION:
            party = event.party if event.party in (THIRD_PARTY, AGENCY) else THIRD_PARTY
            open_consultations[party] = event.on
        elif kind == Action.END_CONSULTATION:
            party = event.party if event.party in open_consultations else next(iter(open_consultations), "")
            if party:
                raw.append((party, open_consultations.pop(party), event.on))
        elif kind == Action.EXTEND:
            extension = min(MAX_EXTENSION_DAYS, event.days)
        elif kind == Action.FEE_NOTICE:
            fee_notice_on = event.on
        elif kind == Action.FEE_PAID:
            fee_paid_on = event.on
            if fee_notice_on:
                raw.append((FEE, fee_notice_on, event.on))
        elif kind in (Action.ANSWER, Action.WITHDRAW, Action.SUPPLEMENT_LAPSED, Action.FEE_LAPSED):
            closed_on = event.on
            if kind == Action.ANSWER:
                answer_recorded_on = event.recorded_on
    for party, started in open_consultations.items():
        raw.append((party, started, None))
    if fee_notice_on and fee_paid_on is None:
        raw.append((FEE, fee_notice_on, None))

    fee_due = add_working_days(fee_notice_on, FEE_PAYMENT_DAYS, cal) if fee_notice_on else None
    supplement_due = (
        add_working_days(supplement_requested_on, supplement_days, cal) if supplement_requested_on else None
    )
    lapses_on, lapse_kind = None, ""
    if closed_on is None:
        if supplement_due and not supplement_received_on:
            lapses_on, lapse_kind = lapse_date(supplement_due.due), Action.SUPPLEMENT_LAPSED.value
        elif fee_due and fee_paid_on is None:
            lapses_on, lapse_kind = lapse_date(fee_due.due), Action.FEE_LAPSED.value
        if lapses_on and today >= lapses_on:
            closed_on = lapses_on  # read-time: the request closed on its legal date
    excluded: list[Excluded] = []
    for kind, started, ended in sorted(raw, key=lambda item: item[1]):
        label, days, basis = EXCLUSION_RULES[kind]
        legal_end = add_working_days(started, days, cal).due
        # Only the legal period is "time needed" (Arts. 32, 34): a late reply does not stop the clock longer.
        end = min(ended, legal_end) if ended else legal_end
        if closed_on:
            end = min(end, closed_on)
        end = max(end, started)
        excluded.append(
            Excluded(
                kind,
                label,
                basis,
                started,
                end,
                legal_end,
                ongoing=ended is None and not closed_on,
                working_days=working_days_between(started, end, cal).working_days,
            )
        )
    gaps = _merge([(x.start, x.end) for x in excluded])

    acc = _Acc()
    supplement_notice_due = (
        add_working_days(received_on, SUPPLEMENT_NOTICE_DAYS, cal) if received_on else None
    )
    answer_due = None
    paused = ""
    if received_on is None:
        paused = "尚未确认收到申请：答复期限自确认收到之日起计算（《条例》第三十一条）。"
    elif supplement_requested_on and not supplement_received_on:
        paused = "等待申请人补正：答复期限自收到补正申请之日起重新计算（《条例》第三十条）。"
        if lapses_on and today >= lapses_on:
            paused = f"申请人未在补正期限内补正，本申请自{lapses_on:%Y-%m-%d}起视为放弃申请、不再处理（《条例》第三十条）。"
    else:
        answer_due = _advance(start_on, ANSWER_DAYS + extension, gaps, cal, acc)
    for due in (supplement_notice_due, supplement_due, fee_due):
        if due is not None:
            acc.years.update(due.provisional_years)
    index_end = min(today, closed_on) if closed_on else today
    day_index = _count(start_on, index_end, gaps, cal) if start_on and not paused else 0
    return Clock(
        received_on=received_on,
        start_on=start_on,
        restarted=restarted,
        extension_days=extension,
        limit=ANSWER_DAYS + extension,
        supplement_notice_due=supplement_notice_due,
        supplement_requested_on=supplement_requested_on,
        supplement_due=supplement_due,
        supplement_received_on=supplement_received_on,
        fee_notice_on=fee_notice_on,
        fee_due=fee_due,
        fee_paid_on=fee_paid_on,
        excluded=tuple(excluded),
        answer_due=answer_due,
        paused_reason=paused,
        closed_on=closed_on,
        lapses_on=lapses_on,
        lapse_kind=lapse_kind,
        answer_recorded_on=answer_recorded_on,
        day_index=day_index,
        today=today,
        holidays_applied=answer_due.holidays_applied if answer_due else (),
        makeup_days_applied=answer_due.makeup_days_applied if answer_due else (),
        provisional_years=tuple(sorted(acc.years)),
    )
