"""Every write to a request. Each checks permission, locks the request, moves the state through
`states.next_state`, writes one `RequestEvent` in the same transaction and records the audit event."""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.accounts import guard
from gongkai.accounts.guard import SYSTEM, actor_label, is_system, user_or_none
from gongkai.accounts.roles import Role
from gongkai.confidentiality import filetypes
from gongkai.confidentiality import services as confidentiality
from gongkai.confidentiality.models import ScanReport
from gongkai.core import audit, secret_links
from gongkai.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from gongkai.workdays.selectors import legal_date, legal_today

from . import fees, identity
from .clock import AGENCY, MAX_EXTENSION_DAYS, SUPPLEMENT_NOTICE_DAYS, THIRD_PARTY
from .letters import cn_date, mentions_attachment
from .models import (
    Channel,
    FoiRequest,
    LetterTemplate,
    Reminder,
    RequestDocument,
    RequestEvent,
    ReviewCase,
    TrackingCounter,
)
from .notify import notify_applicant, notify_assignment, notify_reminder
from .outcomes import ANSWER_OUTCOMES, Outcome, info
from .selectors import CLOCK_KINDS, applicant_ordinal_in_month, backdate_tolerance, clock_for, lapsed_q
from .states import Action, Status, allowed_actions, next_state

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


# --- application ---------------------------------------------------------------------------------
def submit_application(
    *,
    actor=SYSTEM,
    agency,
    data: dict,
    channel: str = Channel.ONLINE,
    submitted_at: datetime | None = None,
    received_on: date | None = None,
    note: str = "",
    backdate_reason: str = "",
) -> FoiRequest:
    """An application. Online ones wait for confirmation (Art. 31(三)); staff register letters, faxes,
    in-person and oral applications (Arts. 29, 43), giving the receipt date the channel's rule yields
    (in person and oral: the day it was made, today unless given); a receipt date in the past needs a
    reason (audited), one in the future is refused."""
    try:
        channel = Channel(channel)
    except ValueError:
        raise ValidationFailed("请选择申请方式。", field="channel") from None
    if actor is None:
        raise TypeError("actor is required: pass the user, or accounts.guard.SYSTEM")
    if channel != Channel.ONLINE:
        guard.require(actor, "foi.register")
        if not is_system(actor) and actor.agency_id != agency.pk:
            raise PermissionDenied("只能为本机关登记申请。")
    number = identity.normalise(data["id_type"], data.get("id_number", ""))
    submitted_at = submitted_at or _now()
    if channel in (Channel.IN_PERSON, Channel.ORAL):
        received_on = received_on or legal_date(submitted_at)
    backdate = None
    if received_on is not None and channel != Channel.ONLINE:
        received_on, backdate = _dated(
            None, Action.CONFIRM_RECEIPT, received_on, reason=backdate_reason, field="received_on"
        )
    link_token = secret_links.new_token()
    with transaction.atomic():
        foi_request = FoiRequest(
            agency=agency,
            channel=channel,
            submitted_at=submitted_at,
            token_hash=secret_links.hash_token(link_token),
            id_number_masked=identity.mask(data["id_type"], number),
            id_number_digest=identity.digest(data["id_type"], number),
            created_by=user_or_none(actor),
            **{k: data.get(k, "") for k in APPLICATION_FIELDS},
        )
        foi_request.link_token = link_token  # the raw token, on this instance only (never saved)
        foi_request.tracking_number = _next_tracking_number(agency, legal_date(submitted_at).year)
        foi_request.save()
        submitted_on = legal_date(submitted_at)
        if received_on is not None and received_on < submitted_on:
            submitted_on = received_on  # registered after it arrived: it was made by the receipt date
        _event(
            foi_request,
            RequestEvent.SUBMITTED,
            actor=actor,
            on=submitted_on,
            at=submitted_at,
            public_note=f"通过“{channel.label}”提交申请。",
            note=note,
        )
        audit.record(
            actor=actor,
            verb="foi_request.submitted",
            obj=foi_request,
            after={"channel": channel.value, "applicant_type": foi_request.applicant_type},
        )
        if received_on is not None and channel != Channel.ONLINE:
            _transition(
                foi_request,
                Action.CONFIRM_RECEIPT,
                actor=actor,
                on=received_on,
                verb="received",
                public_note=RECEIPT_RULES[channel],
                at=_now(),
                backdate=backdate,
            )
    return foi_request


def confirm_receipt(
    *, actor, foi_request: FoiRequest, on: date | None = None, note: str = "", backdate_reason: str = ""
) -> FoiRequest:
    """Art. 31: letters (ordinary), internet and fax count from the day of confirmation; signed mail
    from the signing day, which staff enter as `on` (with a reason when it is not today)."""
    guard.require(actor, "foi.register", foi_request)
    with transaction.atomic():
        foi_request = guard.fetch_for(actor, FoiRequest, foi_request.pk, lock=True)
        on, backdate = _dated(foi_request, Action.CONFIRM_RECEIPT, on, reason=backdate_reason)
        _transition(
            foi_request,
            Action.CONFIRM_RECEIPT,
            actor=actor,
            on=on,
            verb="received",
            note=note,
            public_note=RECEIPT_RULES[Channel(foi_request.channel)],
            backdate=backdate,
        )
    return foi_request


def assign(*, actor, foi_request: FoiRequest, department, handler=None) -> FoiRequest:
    guard.require(actor, "foi.register", foi_request)
    if department.agency_id != foi_request.agency_id or (
        handler and handler.agency_id != foi_request.agency_id
    ):
        raise ValidationFailed("承办处室或承办人不属于本机关。", field="department")
    with transaction.atomic():
        foi_request = guard.fetch_for(actor, FoiRequest, foi_request.pk, lock=True)
        foi_request.department, foi_request.handler = department, handler
        foi_request.save(update_fields=["department", "handler"])
        _event(
            foi_request,
            RequestEvent.ASSIGNED,
            actor=actor,
            on=_today(),
            is_public=False,
            note=f"分办至{department.name}" + (f"（承办人：{_label(handler)}）" if handler else ""),
        )
        audit.record(
            actor=actor,
            verb="foi_request.assigned",
            obj=foi_request,
            after={"department": department.pk, "handler": handler.pk if handler else None},
        )
        notify_assignment(foi_request, handler)
    return foi_request


# --- the clock-moving actions --------------------------------------------------------------------
def request_supplement(
    *,
    actor,
    foi_request: FoiRequest,
    items: str,
    days: int = 15,
    on: date | None = None,
    backdate_reason: str = "",
) -> FoiRequest:
    """Art. 30: ONE notice, within 7 working days of receipt, naming what to supplement and a
    reasonable period. A later notice is refused: the answer clock keeps running from receipt."""
    guard.require(actor, "foi.handle", foi_request)
    if not items.strip():
        raise ValidationFailed("请说明需要补正的事项。", field="items")
    if not 1 <= days <= 60:
        raise ValidationFailed("补正期限应为 1 至 60 个工作日。", field="days")
    with transaction.atomic():
        foi_request = guard.fetch_for(actor, FoiRequest, foi_request.pk, lock=True)
        if foi_request.events.filter(kind=Action.REQUEST_SUPPLEMENT).exists():
            raise ValidationFailed("补正告知只能发出一次（《条例》第三十条“一次性告知”）。", field="items")
        on, backdate = _dated(foi_request, Action.REQUEST_SUPPLEMENT, on, reason=backdate_reason)
        notice_due = clock_for(foi_request, on).supplement_notice_due
        if notice_due is not None and on > notice_due.due:
            raise ValidationFailed(
                f"补正告知应当自收到申请之日起 {SUPPLEMENT_NOTICE_DAYS} 个工作日内一次性发出（《条例》第三十条）。"
                f"本申请于{cn_date(foi_request.received_on)}收到，告知期限已于{cn_date(notice_due.due)}届满，"
                "不能再要求补正；答复期限仍自收到申请之日起计算，请按申请内容作出答复。",
                field="on",
            )
        next_state(foi_request.status, Action.REQUEST_SUPPLEMENT)
        _transition(
            foi_request,
            Action.REQUEST_SUPPLEMENT,
            actor=actor,
            on=on,
            verb="supplement_requested",
            days=days,
            note=items,
            public_note=f"请在 {days} 个工作日内补正：{items}",
            backdate=backdate,
        )
    return foi_request


def receive_supplement(
    *, actor, foi_request: FoiRequest, on: date | None = None, note: str = "", backdate_reason: str = ""
) -> FoiRequest:
    """Art. 30: the answer period restarts from the day the supplemented application arrives."""
    guard.require(actor, "foi.handle", foi_request)
    with transaction.atomic():
        foi_request = guard.fetch_for(actor, FoiRequest, foi_request.pk, lock=True)
        on, backdate = _dated(foi_request, Action.RECEIVE_SUPPLEMENT, on, reason=backdate_reason)
        _transition(
            foi_request,
            Action.RECEIVE_SUPPLEMENT,
            actor=actor,
            on=on,
            verb="supplement_received",
            note=note,
            public_note="已收到补正材料，答复期限自收到补正之日起重新计算（《条例》第三十条）。",
            backdate=backdate,
        )
    return foi_request


def supply_supplement(*, foi_request: FoiRequest, text: str) -> FoiRequest:
    """The applicant supplies the 补正 through their secret tracking link (the token is the
    authentication), dated the day it arrives. Art. 30: the answer period restarts from that day."""
    text = (text or "").strip()
    if not text:
        raise ValidationFailed("请填写补正内容。", field="text")
    if len(text) > 2000:
        raise ValidationFailed("补正内容最多 2000 字。", field="text")
    with transaction.atomic():
        foi_request = guard.fetch_for(SYSTEM, FoiRequest, foi_request.pk, lock=True)
        if foi_request.status != Status.AWAITING_SUPPLEMENT:
            raise ValidationFailed("本申请当前不需要补正。", field="text")
        on, _ = _dated(foi_request, Action.RECEIVE_SUPPLEMENT, None)
        event = _transition(
            foi_request,
            Action.RECEIVE_SUPPLEMENT,
            actor=SYSTEM,
            on=on,
            verb="supplement_received",
            note="申请人通过查询页面提交补正。",
            public_note=f"已收到申请人提交的补正：“{text}”。答复期限自收到补正之日起重新计算（《条例》第三十条）。",
        )
        RequestEvent.objects.filter(pk=event.pk).update(actor_label="申请人")
    return foi_request


def start_consultation(
    *,
    actor,
    foi_request: FoiRequest,
    party: str,
    consultee: str,
    on: date | None = None,
    note: str = "",
    backdate_reason: str = "",
) -> FoiRequest:
    guard.require(actor, "foi.handle", foi_request)
    if party not in (THIRD_PARTY, AGENCY):
        raise ValidationFailed("请选择征求意见的对象类型。", field="party")
    if not consultee.strip():
        raise ValidationFailed("请填写被征求意见的第三方或机关。", field="consultee")
    with transaction.atomic():
        foi_request = guard.fetch_for(actor, FoiRequest, foi_request.pk, lock=True)
        on, backdate = _dated(foi_request, Action.START_CONSULTATION, on, reason=backdate_reason)
        basis = "《条例》第三十二条" if party == THIRD_PARTY else "《条例》第三十四条"
        _transition(
            foi_request,
            Action.START_CONSULTATION,
            actor=actor,
            on=on,
            verb="consultation_started",
            party=party,
            note=f"{consultee.strip()}。{note}".strip("。") + "。",
            public_note=f"依照{basis}书面征求意见，征求意见所需时间不计算在答复期限内（《条例》第三十三条第三款）。",
            backdate=backdate,
        )
    return foi_request


def end_consultation(
    *, actor, foi_request: FoiRequest, on: date | None = None, note: str = "", backdate_reason: str = ""
) -> FoiRequest:
    guard.require(actor, "foi.handle", foi_request)
    with transaction.atomic():
        foi_request = guard.fetch_for(actor, FoiRequest, foi_request.pk, lock=True)
        started = foi_request.events.filter(kind=Action.START_CONSULTATION).last()
        on, backdate = _dated(foi_request, Action.END_CONSULTATION, on, reason=backdate_reason)
        _transition(
            foi_request,
            Action.END_CONSULTATION,
            actor=actor,
            on=on,
            verb="consultation_ended",
            party=started.party if started else "",
            note=note,
            public_note="征求意见结束，继续计算答复期限。",
            backdate=backdate,
        )
    return foi_request


def extend_deadline(
    *,
    actor,
    foi_request: FoiRequest,
    days: int,
    reason: str,
    on: date | None = None,
    backdate_reason: str = "",
) -> FoiRequest:
    """Art. 33 ¶2: once, at most 20 working days, approved by the head of the openness office, and the
    applicant is told (the public event is the notice on the tracking page) — within the answer period:
    an extension decided or recorded after the answer date has passed is refused (the case stays overdue)."""
    guard.require(actor, "foi.extend", foi_request)
    if not is_system(actor) and Role.OPENNESS_OFFICE not in actor.roles:
        raise PermissionDenied("延长答复期限须经政府信息公开工作机构负责人同意。")
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise ValidationFailed(
            f"延长的期限为 1 至 {MAX_EXTENSION_DAYS} 个工作日（《条例》第三十三条第二款）。", field="days"
        )
    if not reason.strip():
        raise ValidationFailed("请说明延长答复期限的理由。", field="reason")
    with transaction.atomic():
        foi_request = guard.fetch_for(actor, FoiRequest, foi_request.pk, lock=True)
        if foi_request.events.filter(kind=Action.EXTEND).exists():
            raise ValidationFailed("答复期限只能延长一次（《条例》第三十三条第二款）。", field="days")
        on, backdate = _dated(foi_request, Action.EXTEND, on, reason=backdate_reason)
        due = clock_for(foi_request, on).answer_due
        if due is not None and max(on, _today()) > due.due:
            raise ValidationFailed(
                f"答复期限已于{cn_date(due.due)}届满，不能再延长：延长答复期限须在答复期限内经政府信息公开"
                "工作机构负责人同意并告知申请人（《条例》第三十三条第二款）。本申请已超期，请尽快答复。",
                field="days",
            )
        _transition(
            foi_request,
            Action.EXTEND,
            actor=actor,
            on=on,
            verb="extended",
            days=days,
            approved_by=user_or_none(actor),
            note=reason,
            public_note=f"经政府信息公开工作机构负责人同意，答复期限延长 {days} 个工作日。理由：{reason}",
            backdate=backdate,
        )
    return foi_request


FEE_RELIEF_BASIS = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"


def send_fee_notice(
    *,
    actor,
    foi_request: FoiRequest,
    method: str,
    pages: int = 0,
    on: date | None = None,
    relief: str = "",
    reduced_amount: int | None = None,
    relief_reason: str = "",
    backdate_reason: str = "",
) -> FoiRequest:
    """The fee notice (Art. 42, 国办函〔2020〕109号). An applicant in economic difficulty may have the fee
    reduced (`relief="reduced"`, the amount charged) or waived (`relief="waived"`: no notice, no
    payment period; the waiver is recorded as an event with its reason)."""
    guard.require(actor, "foi.handle", foi_request)
    if method not in (fees.FeeMethod.PER_REQUEST, fees.FeeMethod.PER_PAGE):
        raise ValidationFailed("请选择一种计收方式（按件或按量，二者只能选一）。", field="method")
    if relief not in ("", "reduced", "waived"):
        raise ValidationFailed("请选择减免方式。", field="relief")
    relief_reason = (relief_reason or "").strip()
    if relief and not relief_reason:
        raise ValidationFailed(
            f"减免信息处理费须写明申请人确有经济困难的情况和理由（{FEE_RELIEF_BASIS}）。",
            field="relief_reason",
        )
    if pages is None or pages < 0:
        raise ValidationFailed("页数不能为负数。", field="pages")
    with transaction.atomic():
        foi_request = guard.fetch_for(actor, FoiRequest, foi_request.pk, lock=True)
        fee = fees.compute_fee(method, ordinal=applicant_ordinal_in_month(foi_request), pages=pages)
        if fee.amount == 0:
            raise ValidationFailed(f"按所选方式不应收费：{fee.explanation}", field="method")
        charged = fee.amount
        if relief == "reduced":
            if reduced_amount is None or not 0 < reduced_amount < fee.amount:
                raise ValidationFailed(
                    f"减收后的金额应大于 0 元、小于应收的 {fee.amount} 元；全部免收请选择“免收”。",
                    field="reduced_amount",
                )
            charged = reduced_amount
        elif relief == "waived":
            charged = 0
        kind = Action.FEE_NOTICE if charged else RequestEvent.FEE_WAIVED
        on, backdate = _dated(foi_request, kind, on, reason=backdate_reason)
        if charged:
            next_state(foi_request.status, Action.FEE_NOTICE)
        elif foi_request.status not in (Status.IN_PROGRESS, Status.CONSULTING):
            raise InvalidTransition(f"申请处于“{foi_request.get_status_display()}”状态，不能免收信息处理费。")
        foi_request.fee_method, foi_request.fee_amount = fee.method.value, charged
        foi_request.fee_full_amount, foi_request.fee_relief = fee.amount, relief
        foi_request.fee_relief_reason = relief_reason
        foi_request.save(
            update_fields=["fee_method", "fee_amount", "fee_full_amount", "fee_relief", "fee_relief_reason"]
        )
        relief_text = ""
        if relief == "reduced":
            relief_text = (
                f"经审核，申请人确有经济困难，减收信息处理费：应收 {fee.amount} 元，减收后收取 {charged} 元"
                f"（{FEE_RELIEF_BASIS}）。减收理由：{relief_reason}"
            )
        if charged:
            _transition(
                foi_request,
                Action.FEE_NOTICE,
                actor=actor,
                on=on,
                verb="fee_notice",
                amount=charged,
                note=relief_text,
                public_note=f"收费通知：{fee.explanation}{relief_text}请自收到通知之日起 20 个工作日内缴纳，"
                "逾期未缴纳的，行政机关不再处理该申请。",
                backdate=backdate,
            )
        else:
            _event(
                foi_request,
                RequestEvent.FEE_WAIVED,
                actor=actor,
                on=on,
                from_status=foi_request.status,
                amount=0,
                note=_with_reason(relief_reason, backdate),
                public_note=f"{fee.explanation}经审核，申请人确有经济困难，免收信息处理费 {fee.amount} 元"
                f"（{FEE_RELIEF_BASIS}）。免收理由：{relief_reason}",
            )
            audit.record(
                actor=actor,
                verb="foi_request.fee_waived",
                obj=foi_request,
                after={"full_amount": fee.amount, "reason": relief_reason, "on": on.isoformat()},
            )
            _record_backdate(actor, foi_request, backdate)
        if relief:
            audit.record(
                actor=actor,
                verb="foi_request.fee_relief",
                obj=foi_request,
                after={
                    "relief": relief,
                    "full_amount": fee.amount,
                    "charged": charged,
                    "reason": relief_reason,
                },
            )
    return foi_request


def record_payment(
    *, actor, foi_request: FoiRequest, on: date | None = None, backdate_reason: str = ""
) -> FoiRequest:
    guard.require(actor, "foi.handle", foi_request)
    with transaction.atomic():
        foi_request = guard.fetch_for(actor, FoiRequest, foi_request.pk, lock=True)
        on, backdate = _dated(foi_request, Action.FEE_PAID, on, reason=backdate_reason)
        _transition(
            foi_request,
            Action.FEE_PAID,
            actor=actor,
            on=on,
            verb="fee_paid",
            amount=foi_request.fee_amount,
            public_note=f"已缴纳信息处理费 {foi_request.fee_amount} 元。",
            backdate=backdate,
        )
    return foi_request


def withdraw(
    *, actor, foi_request: FoiRequest, note: str, on: date | None = None, backdate_reason: str = ""
) -> FoiRequest:
    guard.require(actor, "foi.register", foi_request)
    with transaction.atomic():
        foi_request = guard.fetch_for(actor, FoiRequest, foi_request.pk, lock=True)
        on, backdate = _dated(foi_request, Action.WITHDRAW, on, reason=backdate_reason)
        _transition(
            foi_request,
            Action.WITHDRAW,
            actor=actor,
            on=on,
            verb="withdrawn",
            outcome=Outcome.OTHER,
            note=note,
            public_note="申请人撤回申请，本申请办结。",
            backdate=backdate,
        )
    return foi_request


# --- documents -----------------------------------------------------------------------------------
def _scan(actor, doc: RequestDocument, filename: str, data: bytes) -> list[dict]:
    """The confidentiality scan with the agency's negative list; its ScanReport is stored (and audited)
    against the document, and the findings are copied onto it for the blocking check at answer time."""
    report = confidentiality.run_scan(
        actor=actor,
        agency=doc.request.agency,
        subject=doc,
        stage=ScanReport.Stage.SUBMISSION,
        sources=[],
        files=[(filename, data)],
    )
    return [
        {
            "kind": f.kind,
            "severity": f.severity,
            "location": f.location,
            "excerpt": f.excerpt,
            "detail": f.detail,
        }
        for f in report.findings.order_by("position")
    ]


def attach_document(
    *,
    actor,
    foi_request: FoiRequest,
    filename: str,
    data: bytes,
    title: str = "",
    role: str = RequestDocument.Role.DISCLOSED,
) -> RequestDocument:
    """An uploaded document: its type checked by content and run through the confidentiality scan."""
    guard.require(actor, "foi.handle", foi_request)
    kind = filetypes.detect(data, filename)
    with transaction.atomic():
        doc = RequestDocument(
            request=foi_request, role=role, title=title or filename, mime=kind.mime, size=len(data)
        )
        stem = "".join(ch for ch in filename.rsplit(".", 1)[0] if ch.isalnum())[:40] or "document"
        doc.file.save(f"{stem}.{kind.extension}", ContentFile(data), save=False)
        doc.save()
        findings = doc.findings = _scan(actor, doc, filename, data)
        doc.save(update_fields=["findings"])
        audit.record(
            actor=actor,
            verb="foi_request.document_attached",
            obj=foi_request,
            after={"document": doc.pk, "title": doc.title, "findings": len(findings)},
        )
    return doc


def attach_catalogue_item(*, actor, foi_request: FoiRequest, item) -> RequestDocument:
    guard.require(actor, "foi.handle", foi_request)
    if item.agency_id != foi_request.agency_id:
        raise ValidationFailed("只能附上本机关的政府信息。", field="item")
    revision = getattr(item, "current_revision", None)
    with transaction.atomic():
        doc = RequestDocument.objects.create(
            request=foi_request,
            role=RequestDocument.Role.DISCLOSED,
            title=getattr(revision, "title", "") or str(item),
            catalogue_item=item,
        )
        audit.record(
            actor=actor,
            verb="foi_request.document_attached",
            obj=foi_request,
            after={"document": doc.pk, "catalogue_item": item.pk},
        )
    return doc


def override_document_findings(*, actor, document: RequestDocument, reason: str) -> RequestDocument:
    guard.require(actor, "confidentiality.override", document.request)
    if not reason.strip():
        raise ValidationFailed("请说明放行理由。", field="reason")
    with transaction.atomic():
        document.overridden_by, document.override_reason = actor, reason
        document.save(update_fields=["overridden_by", "override_reason"])
        audit.record(
            actor=actor,
            verb="foi_request.scan_overridden",
            obj=document.request,
            after={"document": document.pk, "reason": reason},
        )
    return document


# --- the answer ----------------------------------------------------------------------------------
def answer(
    *,
    actor,
    foi_request: FoiRequest,
    outcome: str,
    text: str,
    letter_number: str = "",
    on: date | None = None,
    backdate_reason: str = "",
) -> FoiRequest:
    """Arts. 36-39: the answer closes the request with exactly one outcome; the letter states the
    basis and the remedies; disclosed documents must have passed the confidentiality scan. An answer
    is dated the day it is recorded (a back-dated one needs a reason, and "answered on time" is judged
    from the day it was recorded); it cannot precede the end of a consultation (Arts. 32, 34)."""
    guard.require(actor, "foi.handle", foi_request)
    if outcome not in ANSWER_OUTCOMES:
        raise ValidationFailed("请选择答复类型。", field="outcome")
    if not text.strip():
        raise ValidationFailed("请填写答复正文。", field="text")
    with transaction.atomic():
        foi_request = guard.fetch_for(actor, FoiRequest, foi_request.pk, lock=True)
        if foi_request.status == Status.CONSULTING:
            raise InvalidTransition(
                "征求意见尚未结束，不能作出答复：第三方或有关行政机关的意见是答复的依据，应在其答复或法定期限"
                "届满后再作出答复（《条例》第三十二条、第三十四条）。请先登记“征求意见结束”。",
            )
        ended = foi_request.events.filter(kind=Action.END_CONSULTATION).order_by("-on").first()
        if ended is not None and (on or _today()) < ended.on:
            raise ValidationFailed(
                f"答复日期不能早于征求意见结束之日（{cn_date(ended.on)}）：答复须在征求意见结束后作出"
                "（《条例》第三十二条、第三十四条）。",
                field="on",
            )
        on, backdate = _dated(foi_request, Action.ANSWER, on, reason=backdate_reason)
        documents = foi_request.documents.filter(role=RequestDocument.Role.DISCLOSED)
        if mentions_attachment(text) and not documents.exists():
            raise ValidationFailed(
                "答复正文写明“见附件”，但本申请还没有附件：请先上传或从目录附上所提供的政府信息，再发送答复"
                "（《条例》第三十六条第（二）项：予以公开的，应当向申请人提供该政府信息）。",
                field="text",
            )
        pending = []
        if info(outcome).discloses:
            pending = list(documents.filter(is_public=False))
        blocking = [d.title for d in pending if d.blocking]
        if blocking:
            raise ValidationFailed(
                "附件保密审查发现高风险问题，须经保密审查员放行后才能发送：" + "、".join(blocking),
                field="documents",
            )
        foi_request.letter_number, foi_request.answer_text = letter_number, text
        foi_request.save(update_fields=["letter_number", "answer_text"])
        event = _transition(
            foi_request,
            Action.ANSWER,
            actor=actor,
            on=on,
            verb="answered",
            outcome=outcome,
            public_note=f"作出答复：{Outcome(outcome).label}。",
            backdate=backdate,
        )
        for doc in pending:
            doc.is_public, doc.event = True, event
            doc.save(update_fields=["is_public", "event"])
    return foi_request


# --- forwarding to the competent agency (issue 18 item 3) -------------------------------------------
NOT_HELD_BASIS = "《条例》第三十六条第（五）项"


def forwarding_targets(foi_request: FoiRequest):
    """The agencies of the platform a request may be forwarded to: every other active agency."""
    from gongkai.core.models import Agency

    return Agency.objects.filter(is_active=True).exclude(pk=foi_request.agency_id).order_by("name")


def can_forward(foi_request: FoiRequest) -> bool:
    """Open and still to be answered, or already answered 不属于本机关负责公开 — and not forwarded yet."""
    if FoiRequest.objects.filter(forwarded_from_id=foi_request.pk).exists():
        return False
    if foi_request.status == Status.CLOSED:
        return foi_request.outcome == Outcome.NOT_THIS_AGENCY
    return Action.ANSWER in allowed_actions(foi_request.status)


def not_held_text(foi_request: FoiRequest, to_agency, on: date) -> str:
    site = getattr(to_agency, "site_settings", None)
    contact = f"，联系电话：{site.phone}" if site is not None and site.phone else ""
    address = f"，地址：{site.address}" if site is not None and site.address else ""
    return (
        f"经查，您申请获取的“{foi_request.description.strip()[:200]}”不属于本机关负责公开。"
        f"根据{NOT_HELD_BASIS}，负责公开该政府信息的行政机关为{to_agency.name}{contact}{address}。\n"
        f"本机关已于{cn_date(on)}通过本平台将您的申请转送{to_agency.name}，该机关将作为新的申请登记办理，"
        "收到申请之日以该机关确认收到之日为准，答复期限自该日起计算（《条例》第三十一条、第三十三条）。"
        "您可以在本申请的查询页面找到转送后的申请编号和查询链接。"
    )


def forward_request(
    *,
    actor,
    foi_request: FoiRequest,
    to_agency,
    text: str = "",
    letter_number: str = "",
    on: date | None = None,
    backdate_reason: str = "",
) -> FoiRequest:
    """条例 Art. 36(五): the agency does not hold the information; besides answering 不属于本机关负责公开
    with the competent agency named, it forwards a copy to that agency on the platform, which
    registers it as a new request (channel 转送) awaiting its own confirmation of receipt (Art. 31(三)).
    An open request is answered in the same step; a request already answered that way can be forwarded
    afterwards. One forward per request. Returns the new request."""
    guard.require(actor, "foi.handle", foi_request)
    if to_agency is None or not to_agency.is_active:
        raise ValidationFailed("请选择本平台上负责公开该政府信息的行政机关。", field="to_agency")
    if to_agency.pk == foi_request.agency_id:
        raise ValidationFailed(
            "不能转送给本机关：请选择负责公开该政府信息的其他行政机关。", field="to_agency"
        )
    text = (text or "").strip()
    if text and to_agency.name not in text:
        raise ValidationFailed(
            f"答复正文须告知申请人负责公开该政府信息的行政机关的名称（{NOT_HELD_BASIS}）：请写明“{to_agency.name}”。",
            field="text",
        )
    with transaction.atomic():
        foi_request = guard.fetch_for(actor, FoiRequest, foi_request.pk, lock=True)
        if FoiRequest.objects.filter(forwarded_from=foi_request).exists():
            raise InvalidTransition("本申请已经转送过，不能重复转送。")
        if foi_request.status == Status.CLOSED and foi_request.outcome != Outcome.NOT_THIS_AGENCY:
            raise InvalidTransition(
                f"本申请已答复“{foi_request.get_outcome_display()}”：只有答复“不属于本机关负责公开”"
                f"（{NOT_HELD_BASIS}）的申请才能转送其他机关。"
            )
        if foi_request.status != Status.CLOSED:
            day = on or _today()
            answer(
                actor=actor,
                foi_request=foi_request,
                outcome=Outcome.NOT_THIS_AGENCY,
                text=text or not_held_text(foi_request, to_agency, day),
                letter_number=letter_number,
                on=on,
                backdate_reason=backdate_reason,
            )
            foi_request.refresh_from_db()
        now = _now()
        copy = FoiRequest(
            agency=to_agency,
            channel=Channel.FORWARDED,
            submitted_at=now,
            # the applicant's link to the original opens the copy too (secret_links.derived_token)
            token_hash=secret_links.hash_token(secret_links.derived_token(foi_request.token_hash, "forward")),
            id_number_masked=foi_request.id_number_masked,
            id_number_digest=foi_request.id_number_digest,
            id_type=foi_request.id_type,
            forwarded_from=foi_request,
            **{k: getattr(foi_request, k) for k in APPLICATION_FIELDS if k != "id_type"},
        )
        copy.tracking_number = _next_tracking_number(to_agency, legal_date(now).year)
        copy.save()
        from_name = foi_request.agency.name
        _event(
            copy,
            RequestEvent.SUBMITTED,
            actor=SYSTEM,
            on=legal_date(now),
            at=now,
            public_note=f"由{from_name}通过本平台转送（原申请编号 {foi_request.tracking_number}，"
            f"{from_name}已答复不属于该机关负责公开）。{RECEIPT_RULES[Channel.FORWARDED]}。",
        )
        RequestEvent.objects.filter(request=copy, kind=RequestEvent.SUBMITTED).update(actor_label=from_name)
        _event(
            foi_request,
            RequestEvent.NOTE,
            actor=actor,
            on=_today(),
            public_note=f"已将申请转送{to_agency.name}（新申请编号 {copy.tracking_number}）。",
            note=f"转送{to_agency.name}",
        )
        audit.record(
            actor=actor,
            verb="foi_request.forwarded",
            obj=foi_request,
            after={"to_agency": to_agency.code, "new_request": copy.pk, "new_number": copy.tracking_number},
        )
        audit.record(
            actor=actor,
            verb="foi_request.forward_received",
            obj=copy,
            agency=to_agency,
            after={"from_agency": foi_request.agency.code, "from_request": foi_request.pk},
        )
    return copy


# --- the clock job -------------------------------------------------------------------------------
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


# --- templates and table 四 ----------------------------------------------------------------------
def save_letter_template(*, actor, agency, kind: str, title: str, body: str) -> LetterTemplate:
    from .letters import validate_template

    guard.require(actor, "foi.manage")
    if not is_system(actor) and actor.agency_id != agency.pk:
        raise PermissionDenied()
    validate_template(body)
    with transaction.atomic():
        template, _ = LetterTemplate.objects.update_or_create(
            agency=agency, kind=kind, defaults={"title": title, "body": body, "updated_by": actor}
        )
        audit.record(actor=actor, verb="foi_letter_template.saved", obj=template, after={"kind": kind})
    return template


def save_review_case(*, actor, agency, case: ReviewCase | None = None, **fields) -> ReviewCase:
    guard.require(actor, "foi.manage")
    if not is_system(actor) and actor.agency_id != agency.pk:
        raise PermissionDenied()
    request = fields.get("request")
    if request is not None and request.agency_id != agency.pk:
        raise ValidationFailed("相关申请不属于本机关。", field="request")
    if case is not None and case.agency_id != agency.pk:
        raise NotFound("没有找到该案件。")
    result = fields.get("result", case.result if case else ReviewCase.Result.PENDING)
    decided_on = fields.get("decided_on", case.decided_on if case else None)
    filed_on = fields.get("filed_on", case.filed_on if case else None)
    if result != ReviewCase.Result.PENDING and decided_on is None:
        raise ValidationFailed("已审结的案件须填写审结日期（复议决定或判决作出的日期）。", field="decided_on")
    if result == ReviewCase.Result.PENDING and decided_on is not None:
        raise ValidationFailed("尚未审结的案件不能填写审结日期。", field="decided_on")
    if decided_on and decided_on > _today():
        raise ValidationFailed("审结日期不能晚于今天。", field="decided_on")
    if decided_on and filed_on and decided_on < filed_on:
        raise ValidationFailed("审结日期不能早于立案日期。", field="decided_on")
    with transaction.atomic():
        before = {"result": case.result, "decided_on": case.decided_on} if case else None
        case = case or ReviewCase(agency=agency)
        for key, value in fields.items():
            setattr(case, key, value)
        case.save()
        audit.record(
            actor=actor,
            verb="foi_review_case.saved",
            obj=case,
            before=before,
            after={"kind": case.kind, "result": case.result, "decided_on": case.decided_on},
        )
    return case


def record_reminders(today: date | None = None) -> list[Reminder]:
    """Reminders to the handler (or the department) and the openness office for open requests whose
    answer date is within the warning days (GONGKAI_FOI_WARNING_DAYS) or past. One row per request,
    kind and day: the hourly job may run any number of times. Returns the rows created now."""
    from .selectors import warning_horizon

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
