"""The processing fee: the notice, its reduction or waiver (国办函〔2020〕109号) and the payment."""

from datetime import date

from django.db import transaction

from gongkai.accounts import guard
from gongkai.core import audit
from gongkai.core.errors import InvalidTransition, ValidationFailed

from .. import fees
from ..models import FoiRequest, RequestEvent
from ..selectors import applicant_ordinal_in_month
from ..states import Action, Status, next_state
from .recording import _dated, _event, _record_backdate, _transition, _with_reason

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
