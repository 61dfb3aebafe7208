"""The clock jobs: lapses on their legal date (Art. 30, the fee rule) and the handlers' reminders."""

from datetime import date

from django.db import transaction

from gongkai.accounts.guard import SYSTEM
from gongkai.core import audit

from ..models import (
    FoiRequest,
    Reminder,
)
from ..notify import notify_reminder
from ..outcomes import Outcome
from ..selectors import clock_for, lapsed_q
from ..states import Action, Status
from .recording import _today, _transition

LAPSE_NOTES = {
    Action.SUPPLEMENT_LAPSED: (
        "supplement",
        "supplement_lapsed",
        Outcome.SUPPLEMENT_LAPSED,
        "申请人无正当理由逾期未补正，视为放弃申请，不再处理（《条例》第三十条）。",
    ),
    Action.FEE_LAPSED: (
        "fee",
        "fee_lapsed",
        Outcome.FEE_UNPAID,
        "申请人逾期未按收费通知要求缴纳费用，不再处理该申请（国办函〔2020〕109号）。",
    ),
}


def close_lapsed(today: date | None = None) -> dict:
    """Art. 30 (no 补正 in time → （六）1) and the fee rule (unpaid in 20 working days → （六）2), each
    recorded ON ITS LEGAL DATE (the day after the period), however late the worker runs; the pages and
    table 三 already show it closed from that date (selectors.as_of, statistics). Also refreshes the
    stored dates, so a newly announced holiday year reaches the register."""
    today = today or _today()
    closed = {"supplement": 0, "fee": 0, "refreshed": 0}
    for foi_request in FoiRequest.objects.exclude(status=Status.CLOSED):
        clock = clock_for(foi_request, today)
        with transaction.atomic():
            if clock.lapsed and foi_request.status in (Status.AWAITING_SUPPLEMENT, Status.AWAITING_PAYMENT):
                key, _verb, outcome, note = LAPSE_NOTES[Action(clock.lapse_kind)]
                _transition(
                    FoiRequest.objects.select_for_update().get(pk=foi_request.pk),
                    Action(clock.lapse_kind),
                    actor=SYSTEM,
                    on=clock.lapses_on,
                    verb="supplement_lapsed" if key == "supplement" else "fee_lapsed",  # as LAPSE_NOTES
                    outcome=outcome,
                    public_note=note,
                )
                closed[key] += 1
            else:
                due = clock.answer_due.due if clock.answer_due else None
                if (due, clock.lapses_on) != (foi_request.answer_due_on, foi_request.lapses_on):
                    FoiRequest.objects.filter(pk=foi_request.pk).update(
                        answer_due_on=due, lapses_on=clock.lapses_on
                    )
                    closed["refreshed"] += 1
    return closed


def record_reminders(today: date | None = None) -> list[Reminder]:
    """Reminders to the handler (or the department) and the openness office for open requests whose
    answer date is within the warning days (GONGKAI_FOI_WARNING_DAYS) or past. One row per request,
    kind and day: the hourly job may run any number of times. Returns the rows created now."""
    from ..selectors import warning_horizon

    today = today or _today()
    horizon = warning_horizon(today)
    created = []
    open_requests = (
        FoiRequest.objects.exclude(status=Status.CLOSED)
        .exclude(answer_due_on=None)
        .exclude(lapsed_q(today))
        .filter(answer_due_on__lte=horizon)
        .select_related("agency")
    )
    for foi_request in open_requests:
        due = foi_request.answer_due_on
        if due < today:
            kind, message = (
                Reminder.OVERDUE,
                f"{foi_request.tracking_number} 已超过答复期限（{due:%Y-%m-%d}），请尽快答复。",
            )
        else:
            when = "今天" if due == today else f"{due:%Y-%m-%d}"
            kind, message = Reminder.DUE_SOON, f"{foi_request.tracking_number} 将于{when}到期，请按期答复。"
        with transaction.atomic():
            reminder, new = Reminder.objects.get_or_create(
                request=foi_request,
                kind=kind,
                on=today,
                defaults={
                    "agency": foi_request.agency,
                    "due_on": due,
                    "message": message,
                    "handler": foi_request.handler,
                    "department": foi_request.department,
                },
            )
            if new:
                audit.record(
                    actor=SYSTEM,
                    verb="foi_request.reminded",
                    obj=foi_request,
                    after={"kind": kind, "due_on": due.isoformat(), "on": today.isoformat()},
                )
                notify_reminder(reminder)
                created.append(reminder)
    return created
