"""Forwarding to the competent agency (条例 Art. 36(五), issue 18 item 3)."""

from datetime import date

from django.db import transaction

from gongkai.accounts import guard
from gongkai.accounts.guard import SYSTEM
from gongkai.core import audit, secret_links
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.workdays.selectors import legal_date

from ..letters import cn_date
from ..models import Channel, FoiRequest, RequestEvent
from ..outcomes import Outcome
from ..states import Action, Status, allowed_actions
from . import recording
from .answers import answer
from .recording import APPLICATION_FIELDS, RECEIPT_RULES, _event, _next_tracking_number, _today

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
        now = recording._now()
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
