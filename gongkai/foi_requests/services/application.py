"""The application: submission (online, or registered by staff for letters, fax, in person and
oral), confirmation of receipt (Art. 31) and assignment to a department."""

from datetime import date, datetime

from django.db import transaction

from gongkai.accounts import guard
from gongkai.accounts.guard import SYSTEM, is_system, user_or_none
from gongkai.core import audit, secret_links
from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.workdays.selectors import legal_date

from .. import identity
from ..models import Channel, FoiRequest, RequestEvent
from ..notify import notify_assignment
from ..states import Action
from . import recording
from .recording import (
    APPLICATION_FIELDS,
    RECEIPT_RULES,
    _dated,
    _event,
    _label,
    _next_tracking_number,
    _today,
    _transition,
)


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
    submitted_at = submitted_at or recording._now()
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
                at=recording._now(),
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
