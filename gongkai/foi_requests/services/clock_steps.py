"""The steps that move the answer clock: one 补正 notice and its reply (Art. 30), consultation of
a third party or agency (Arts. 32-34), the one extension (Art. 33 ¶2) and withdrawal."""

from datetime import date

from django.db import transaction

from gongkai.accounts import guard
from gongkai.accounts.guard import SYSTEM, is_system, user_or_none
from gongkai.accounts.roles import Role
from gongkai.core.errors import PermissionDenied, ValidationFailed

from ..clock import AGENCY, MAX_EXTENSION_DAYS, SUPPLEMENT_NOTICE_DAYS, THIRD_PARTY
from ..letters import cn_date
from ..models import FoiRequest, RequestEvent
from ..outcomes import Outcome
from ..selectors import clock_for
from ..states import Action, Status, next_state
from .recording import _dated, _today, _transition


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
