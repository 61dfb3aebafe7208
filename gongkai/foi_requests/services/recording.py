"""How a step of a request is dated and recorded: the legal date checks (`_dated`), the event and
its audit (`_event`, `_transition`), the tracking number, and the entry clock the demo loader replays.

Other modules read the entry time as `recording._now()` (not a copy of the name), so that a test
that freezes it here reaches every step."""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime

from django.utils import timezone

from gongkai.accounts.guard import actor_label, user_or_none
from gongkai.core import audit
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.workdays.selectors import legal_date, legal_today

from ..letters import cn_date
from ..models import (
    Channel,
    FoiRequest,
    RequestEvent,
    TrackingCounter,
)
from ..notify import notify_applicant
from ..outcomes import Outcome
from ..selectors import CLOCK_KINDS, backdate_tolerance, clock_for
from ..states import Action, Status, next_state

TRACKING_PREFIX = "YSQ"
APPLICATION_FIELDS = (
    "applicant_type",
    "applicant_name",
    "contact_person",
    "id_type",
    "phone",
    "email",
    "address",
    "postcode",
    "description",
    "purpose",
    "delivery_form",
    "delivery_channel",
)
# Art. 31: the receipt date is the day of submission in person, the signing day of signed mail and
# the day of confirmation for ordinary letters, the internet and fax.
RECEIPT_RULES = {
    Channel.IN_PERSON: "当面提交，以提交之日为收到申请之日（《条例》第三十一条第（一）项）",
    Channel.ORAL: "口头提出、代为填写，以提出之日为收到申请之日（《条例》第二十九条、第三十一条第（一）项）",
    Channel.LETTER_SIGNED: "邮寄提交，以签收之日为收到申请之日（《条例》第三十一条第（二）项）",
    Channel.LETTER_PLAIN: "平常信函提交，以与申请人确认之日为收到申请之日（《条例》第三十一条第（二）项）",
    Channel.ONLINE: "通过互联网提交，以双方确认之日为收到申请之日（《条例》第三十一条第（三）项）",
    Channel.FAX: "通过传真提交，以双方确认之日为收到申请之日（《条例》第三十一条第（三）项）",
    Channel.FORWARDED: "其他行政机关通过本平台转送，以本机关确认收到之日为收到申请之日（《条例》第三十一条第（三）项）",
}
# The events whose legal dates make the case's order (assignments and notes are office housekeeping).
ORDERED_KINDS = (RequestEvent.SUBMITTED, RequestEvent.FEE_WAIVED, *CLOCK_KINDS)
LAPSE_REFUSALS = {
    Action.SUPPLEMENT_LAPSED: "申请人未在补正期限（至{due}）内补正，本申请已于{on}视为放弃申请、不再处理"
    "（《条例》第三十条），不能再办理。补正期限届满后收到的材料可作为新的申请登记。",
    Action.FEE_LAPSED: "申请人未在缴费期限（至{due}）内缴纳信息处理费，本申请已于{on}不再处理"
    "（《政府信息公开信息处理费管理办法》，国办函〔2020〕109号），不能再办理。",
}

# The demo loader replays history: inside `replaying(at)` events are recorded as entered at `at`.
_replay: ContextVar[datetime | None] = ContextVar("foi_replay", default=None)


@contextmanager
def replaying(at: datetime):
    """Records what happens inside as entered at `at` (the demo loader's past cases). Never used by
    the pages, the API or the worker: for them the entry time is now."""
    token = _replay.set(at)
    try:
        yield
    finally:
        _replay.reset(token)


def _now() -> datetime:
    return _replay.get() or timezone.now()


def _today() -> date:
    replay = _replay.get()
    return legal_date(replay) if replay else legal_today()


# --- helpers -------------------------------------------------------------------------------------
def _label(actor) -> str:
    return actor_label(actor)


def _refuse_if_lapsed(foi_request: FoiRequest, on: date) -> None:
    """Refuses an event dated on or after the day the law closed the request (a lapsed 补正 or fee),
    even when the worker has not recorded the lapse yet. An event dated before it (a supplement that
    arrived in time, entered later with its reason) is still possible."""
    if foi_request.status == Status.CLOSED:
        return
    clock = clock_for(foi_request, on)
    if clock.lapsed:
        due = clock.supplement_due if clock.lapse_kind == Action.SUPPLEMENT_LAPSED else clock.fee_due
        raise InvalidTransition(
            LAPSE_REFUSALS[Action(clock.lapse_kind)].format(due=cn_date(due.due), on=cn_date(clock.lapses_on))
        )


def _previous_event(foi_request: FoiRequest) -> RequestEvent | None:
    return foi_request.events.filter(kind__in=ORDERED_KINDS).order_by("-on", "-at", "-id").first()


def _dated(
    foi_request: FoiRequest | None,
    kind: str,
    on: date | None,
    *,
    reason: str = "",
    field: str = "on",
    label: str = "",
) -> tuple[date, dict | None]:
    """The legal date of an event, checked: never in the future; never before the previous event of
    the case; dated more than the tolerance (GONGKAI_FOI_BACKDATE_DAYS) before the day it is entered
    only with a written reason, which is returned for the event note and the audit log."""
    today = _today()
    on = on or today
    label = label or dict(RequestEvent.KIND_CHOICES).get(kind, "办理")
    if on > today:
        if kind == Action.CONFIRM_RECEIPT:
            raise ValidationFailed(
                f"收到申请日期不能晚于今天（{cn_date(today)}）：收到申请之日是申请实际到达本机关之日"
                "（《条例》第三十一条）。",
                field=field,
            )
        raise ValidationFailed(f"“{label}”的日期不能晚于今天（{cn_date(today)}）。", field=field)
    if foi_request is not None and foi_request.pk:
        _refuse_if_lapsed(foi_request, on)
    previous = _previous_event(foi_request) if foi_request is not None and foi_request.pk else None
    if previous is not None and on < previous.on:
        raise ValidationFailed(
            f"“{label}”的日期不能早于本申请上一办理环节“{previous.kind_label}”的日期"
            f"（{cn_date(previous.on)}）：办理过程按发生的先后记录。",
            field=field,
        )
    late = (today - on).days
    tolerance = backdate_tolerance(kind)
    if late > tolerance:
        reason = (reason or "").strip()
        if not reason:
            raise ValidationFailed(
                f"“{label}”的日期（{cn_date(on)}）早于录入之日 {late} 天，超过允许的 {tolerance} 天，"
                "请填写补录理由（记入审计日志）。",
                field="backdate_reason",
            )
        return on, {
            "kind": kind,
            "on": on.isoformat(),
            "recorded_on": today.isoformat(),
            "days": late,
            "reason": reason,
        }
    return on, None


def _record_backdate(actor, foi_request: FoiRequest, backdate: dict | None) -> None:
    if backdate:
        audit.record(actor=actor, verb="foi_request.backdated", obj=foi_request, after=backdate)


def _with_reason(note: str, backdate: dict | None) -> str:
    if not backdate:
        return note
    return f"{note}\n补录理由（{backdate['days']} 天前的日期）：{backdate['reason']}".strip()


def _event(
    foi_request, kind, *, actor, on, from_status="", note="", public_note="", is_public=True, at=None, **data
) -> RequestEvent:
    event = RequestEvent.objects.create(
        request=foi_request,
        kind=kind,
        at=at or _now(),
        on=on,
        actor=user_or_none(actor),
        actor_label=_label(actor),
        from_status=from_status,
        to_status=foi_request.status,
        note=note,
        public_note=public_note,
        is_public=is_public,
        **data,
    )
    notify_applicant(foi_request, event)  # in this transaction: the message exists exactly when the step does
    return event


def _refresh_due(foi_request: FoiRequest) -> None:
    clock = clock_for(foi_request)
    foi_request.answer_due_on = clock.answer_due.due if clock.answer_due else None
    foi_request.lapses_on = clock.lapses_on if foi_request.status != Status.CLOSED else None
    foi_request.save(update_fields=["answer_due_on", "lapses_on"])


def _transition(
    foi_request,
    action: Action,
    *,
    actor,
    on: date,
    verb: str,
    note="",
    public_note="",
    outcome: str = "",
    at=None,
    backdate: dict | None = None,
    **data,
) -> RequestEvent:
    before = foi_request.status
    foi_request.status = next_state(before, action)
    fields = ["status"]
    if action == Action.CONFIRM_RECEIPT:
        foi_request.received_on = on
        fields.append("received_on")
    if foi_request.status == Status.CLOSED:
        foi_request.outcome = outcome or Outcome.OTHER
        foi_request.closed_on = on
        fields += ["outcome", "closed_on"]
    foi_request.save(update_fields=fields)
    event = _event(
        foi_request,
        action.value,
        actor=actor,
        on=on,
        from_status=before,
        note=_with_reason(note, backdate),
        public_note=public_note,
        outcome=foi_request.outcome if foi_request.status == Status.CLOSED else "",
        at=at,
        **data,
    )
    _refresh_due(foi_request)
    audit.record(
        actor=actor,
        verb=f"foi_request.{verb}",
        obj=foi_request,
        before={"status": before},
        after={"status": foi_request.status, "on": on.isoformat(), "outcome": foi_request.outcome},
    )
    _record_backdate(actor, foi_request, backdate)
    return event


def _next_tracking_number(agency, year: int) -> str:
    counter, _ = TrackingCounter.objects.select_for_update().get_or_create(agency=agency, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{TRACKING_PREFIX}-{year}-{counter.last_number:05d}"
