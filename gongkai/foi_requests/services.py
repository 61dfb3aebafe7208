"""Every write to a request. Each checks permission, locks the request, moves the state through
`states.next_state`, writes one `RequestEvent` in the same transaction and records the audit event."""

import secrets
from datetime import date, datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.accounts.permissions import has_perm, same_agency
from gongkai.accounts.roles import AGENCY_WIDE_ROLES, Role
from gongkai.confidentiality import filetypes
from gongkai.confidentiality import services as confidentiality
from gongkai.confidentiality.models import ScanReport
from gongkai.core import audit
from gongkai.core.errors import NotFound, PermissionDenied, ValidationFailed
from gongkai.workdays.selectors import legal_date, legal_today

from . import fees, identity
from .clock import AGENCY, MAX_EXTENSION_DAYS, THIRD_PARTY
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
from .selectors import applicant_ordinal_in_month, clock_for
from .states import Action, Status, next_state

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
}


# --- helpers -------------------------------------------------------------------------------------
def _require(actor, permission: str, foi_request: FoiRequest | None = None) -> None:
    if actor is None:
        return  # the system (the clock job, the demo loader)
    if not has_perm(actor, permission):
        raise PermissionDenied("您的角色无权执行此操作。")
    if foi_request is not None:
        if not same_agency(actor, foi_request):
            raise NotFound("没有找到该申请。")
        if not (actor.roles & AGENCY_WIDE_ROLES) and foi_request.department_id != actor.department_id:
            raise PermissionDenied("该申请不由您所在的处室承办。")


def _label(actor) -> str:
    if actor is None:
        return "系统"
    return actor.get_full_name() or actor.get_username()


def _lock(foi_request: FoiRequest) -> FoiRequest:
    return FoiRequest.objects.select_for_update().get(pk=foi_request.pk)


def _check_date(on: date | None, *, not_before: date | None = None, field: str = "on") -> date:
    today = legal_today()
    on = on or today
    if on > today:
        raise ValidationFailed("日期不能晚于今天。", field=field)
    if not_before and on < not_before:
        raise ValidationFailed(f"日期不能早于{not_before:%Y年%m月%d日}。", field=field)
    return on


def _event(
    foi_request, kind, *, actor, on, from_status="", note="", public_note="", is_public=True, at=None, **data
) -> RequestEvent:
    event = RequestEvent.objects.create(
        request=foi_request,
        kind=kind,
        at=at or timezone.now(),
        on=on,
        actor=actor,
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
    foi_request.save(update_fields=["answer_due_on"])


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
        note=note,
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
    return event


def _next_tracking_number(agency, year: int) -> str:
    counter, _ = TrackingCounter.objects.select_for_update().get_or_create(agency=agency, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{TRACKING_PREFIX}-{year}-{counter.last_number:05d}"


# --- application ---------------------------------------------------------------------------------
def submit_application(
    *,
    actor=None,
    agency,
    data: dict,
    channel: str = Channel.ONLINE,
    submitted_at: datetime | None = None,
    received_on: date | None = None,
    note: str = "",
) -> FoiRequest:
    """An application. Online ones wait for confirmation (Art. 31(三)); staff register letters, faxes,
    in-person and oral applications (Arts. 29, 43), giving the receipt date the channel's rule yields."""
    channel = Channel(channel)
    if channel != Channel.ONLINE:
        _require(actor, "foi.register")
    number = identity.normalise(data["id_type"], data.get("id_number", ""))
    submitted_at = submitted_at or timezone.now()
    with transaction.atomic():
        foi_request = FoiRequest(
            agency=agency,
            channel=channel,
            submitted_at=submitted_at,
            token=secrets.token_urlsafe(24),
            id_number_masked=identity.mask(data["id_type"], number),
            id_number_digest=identity.digest(data["id_type"], number),
            created_by=actor,
            **{k: data.get(k, "") for k in APPLICATION_FIELDS},
        )
        foi_request.tracking_number = _next_tracking_number(agency, legal_date(submitted_at).year)
        foi_request.save()
        _event(
            foi_request,
            RequestEvent.SUBMITTED,
            actor=actor,
            on=legal_date(submitted_at),
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
        if channel in (Channel.IN_PERSON, Channel.ORAL):
            received_on = legal_date(submitted_at)
        if received_on is not None and channel != Channel.ONLINE:
            _transition(
                foi_request,
                Action.CONFIRM_RECEIPT,
                actor=actor,
                on=received_on,
                verb="received",
                public_note=RECEIPT_RULES[channel],
                at=submitted_at,
            )
    return foi_request


def confirm_receipt(*, actor, foi_request: FoiRequest, on: date | None = None, note: str = "") -> FoiRequest:
    """Art. 31: letters (ordinary), internet and fax count from the day of confirmation; signed mail
    from the signing day, which staff enter as `on`."""
    _require(actor, "foi.register", foi_request)
    with transaction.atomic():
        foi_request = _lock(foi_request)
        on = _check_date(on, not_before=legal_date(foi_request.submitted_at))
        _transition(
            foi_request,
            Action.CONFIRM_RECEIPT,
            actor=actor,
            on=on,
            verb="received",
            note=note,
            public_note=RECEIPT_RULES[Channel(foi_request.channel)],
        )
    return foi_request


def assign(*, actor, foi_request: FoiRequest, department, handler=None) -> FoiRequest:
    _require(actor, "foi.register", foi_request)
    if department.agency_id != foi_request.agency_id or (
        handler and handler.agency_id != foi_request.agency_id
    ):
        raise ValidationFailed("承办处室或承办人不属于本机关。", field="department")
    with transaction.atomic():
        foi_request = _lock(foi_request)
        foi_request.department, foi_request.handler = department, handler
        foi_request.save(update_fields=["department", "handler"])
        _event(
            foi_request,
            RequestEvent.ASSIGNED,
            actor=actor,
            on=legal_today(),
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
    *, actor, foi_request: FoiRequest, items: str, days: int = 15, on: date | None = None
) -> FoiRequest:
    """Art. 30: ONE notice, within 7 working days of receipt, naming what to supplement and a
    reasonable period."""
    _require(actor, "foi.handle", foi_request)
    if not items.strip():
        raise ValidationFailed("请说明需要补正的事项。", field="items")
    if not 1 <= days <= 60:
        raise ValidationFailed("补正期限应为 1 至 60 个工作日。", field="days")
    with transaction.atomic():
        foi_request = _lock(foi_request)
        if foi_request.events.filter(kind=Action.REQUEST_SUPPLEMENT).exists():
            raise ValidationFailed("补正告知只能发出一次（《条例》第三十条“一次性告知”）。", field="items")
        on = _check_date(on, not_before=foi_request.received_on)
        _transition(
            foi_request,
            Action.REQUEST_SUPPLEMENT,
            actor=actor,
            on=on,
            verb="supplement_requested",
            days=days,
            note=items,
            public_note=f"请在 {days} 个工作日内补正：{items}",
        )
    return foi_request


def receive_supplement(
    *, actor, foi_request: FoiRequest, on: date | None = None, note: str = ""
) -> FoiRequest:
    """Art. 30: the answer period restarts from the day the supplemented application arrives."""
    _require(actor, "foi.handle", foi_request)
    with transaction.atomic():
        foi_request = _lock(foi_request)
        requested = (
            foi_request.events.filter(kind=Action.REQUEST_SUPPLEMENT).values_list("on", flat=True).last()
        )
        on = _check_date(on, not_before=requested)
        _transition(
            foi_request,
            Action.RECEIVE_SUPPLEMENT,
            actor=actor,
            on=on,
            verb="supplement_received",
            note=note,
            public_note="已收到补正材料，答复期限自收到补正之日起重新计算（《条例》第三十条）。",
        )
    return foi_request


def supply_supplement(*, foi_request: FoiRequest, text: str, on: date | None = None) -> FoiRequest:
    """The applicant supplies the 补正 through their secret tracking link (the token is the
    authentication). Art. 30: the answer period restarts from the day it arrives."""
    text = (text or "").strip()
    if not text:
        raise ValidationFailed("请填写补正内容。", field="text")
    if len(text) > 2000:
        raise ValidationFailed("补正内容最多 2000 字。", field="text")
    with transaction.atomic():
        foi_request = _lock(foi_request)
        if foi_request.status != Status.AWAITING_SUPPLEMENT:
            raise ValidationFailed("本申请当前不需要补正。", field="text")
        on = _check_date(on)
        _transition(
            foi_request,
            Action.RECEIVE_SUPPLEMENT,
            actor=None,
            on=on,
            verb="supplement_received",
            note="申请人通过查询页面提交补正。",
            public_note=f"已收到申请人提交的补正：“{text}”。答复期限自收到补正之日起重新计算（《条例》第三十条）。",
        )
        RequestEvent.objects.filter(request=foi_request, kind=Action.RECEIVE_SUPPLEMENT).order_by(
            "-id"
        ).update(actor_label="申请人")
    return foi_request


def start_consultation(
    *, actor, foi_request: FoiRequest, party: str, consultee: str, on: date | None = None, note: str = ""
) -> FoiRequest:
    _require(actor, "foi.handle", foi_request)
    if party not in (THIRD_PARTY, AGENCY):
        raise ValidationFailed("请选择征求意见的对象类型。", field="party")
    if not consultee.strip():
        raise ValidationFailed("请填写被征求意见的第三方或机关。", field="consultee")
    with transaction.atomic():
        foi_request = _lock(foi_request)
        on = _check_date(on, not_before=foi_request.received_on)
        basis = "《条例》第三十二条" if party == THIRD_PARTY else "《条例》第三十四条"
        _transition(
            foi_request,
            Action.START_CONSULTATION,
            actor=actor,
            on=on,
            verb="consultation_started",
            party=party,
            note=f"{consultee}。{note}".strip("。") + "。",
            public_note=f"依照{basis}书面征求意见，征求意见所需时间不计算在答复期限内（《条例》第三十三条第三款）。",
        )
    return foi_request


def end_consultation(*, actor, foi_request: FoiRequest, on: date | None = None, note: str = "") -> FoiRequest:
    _require(actor, "foi.handle", foi_request)
    with transaction.atomic():
        foi_request = _lock(foi_request)
        started = foi_request.events.filter(kind=Action.START_CONSULTATION).last()
        on = _check_date(on, not_before=started.on if started else None)
        _transition(
            foi_request,
            Action.END_CONSULTATION,
            actor=actor,
            on=on,
            verb="consultation_ended",
            party=started.party if started else "",
            note=note,
            public_note="征求意见结束，继续计算答复期限。",
        )
    return foi_request


def extend_deadline(
    *, actor, foi_request: FoiRequest, days: int, reason: str, on: date | None = None
) -> FoiRequest:
    """Art. 33 ¶2: once, at most 20 working days, approved by the head of the openness office, and the
    applicant is told (the public event is the notice on the tracking page)."""
    _require(actor, "foi.extend", foi_request)
    if actor is not None and Role.OPENNESS_OFFICE not in actor.roles:
        raise PermissionDenied("延长答复期限须经政府信息公开工作机构负责人同意。")
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise ValidationFailed(
            f"延长的期限为 1 至 {MAX_EXTENSION_DAYS} 个工作日（《条例》第三十三条第二款）。", field="days"
        )
    if not reason.strip():
        raise ValidationFailed("请说明延长答复期限的理由。", field="reason")
    with transaction.atomic():
        foi_request = _lock(foi_request)
        if foi_request.events.filter(kind=Action.EXTEND).exists():
            raise ValidationFailed("答复期限只能延长一次（《条例》第三十三条第二款）。", field="days")
        on = _check_date(on, not_before=foi_request.received_on)
        _transition(
            foi_request,
            Action.EXTEND,
            actor=actor,
            on=on,
            verb="extended",
            days=days,
            approved_by=actor,
            note=reason,
            public_note=f"经政府信息公开工作机构负责人同意，答复期限延长 {days} 个工作日。理由：{reason}",
        )
    return foi_request


def send_fee_notice(
    *, actor, foi_request: FoiRequest, method: str, pages: int = 0, on: date | None = None
) -> FoiRequest:
    _require(actor, "foi.handle", foi_request)
    if method not in (fees.FeeMethod.PER_REQUEST, fees.FeeMethod.PER_PAGE):
        raise ValidationFailed("请选择一种计收方式（按件或按量，二者只能选一）。", field="method")
    with transaction.atomic():
        foi_request = _lock(foi_request)
        fee = fees.compute_fee(method, ordinal=applicant_ordinal_in_month(foi_request), pages=pages)
        if fee.amount == 0:
            raise ValidationFailed(f"按所选方式不应收费：{fee.explanation}", field="method")
        foi_request.fee_method, foi_request.fee_amount = fee.method.value, fee.amount
        foi_request.save(update_fields=["fee_method", "fee_amount"])
        on = _check_date(on, not_before=foi_request.received_on)
        _transition(
            foi_request,
            Action.FEE_NOTICE,
            actor=actor,
            on=on,
            verb="fee_notice",
            amount=fee.amount,
            public_note=f"收费通知：{fee.explanation}请自收到通知之日起 20 个工作日内缴纳，逾期未缴纳的，"
            "行政机关不再处理该申请。",
        )
    return foi_request


def record_payment(*, actor, foi_request: FoiRequest, on: date | None = None) -> FoiRequest:
    _require(actor, "foi.handle", foi_request)
    with transaction.atomic():
        foi_request = _lock(foi_request)
        on = _check_date(on)
        _transition(
            foi_request,
            Action.FEE_PAID,
            actor=actor,
            on=on,
            verb="fee_paid",
            amount=foi_request.fee_amount,
            public_note=f"已缴纳信息处理费 {foi_request.fee_amount} 元。",
        )
    return foi_request


def withdraw(*, actor, foi_request: FoiRequest, note: str, on: date | None = None) -> FoiRequest:
    _require(actor, "foi.register", foi_request)
    with transaction.atomic():
        foi_request = _lock(foi_request)
        on = _check_date(on, not_before=legal_date(foi_request.submitted_at))
        _transition(
            foi_request,
            Action.WITHDRAW,
            actor=actor,
            on=on,
            verb="withdrawn",
            outcome=Outcome.OTHER,
            note=note,
            public_note="申请人撤回申请，本申请办结。",
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
    _require(actor, "foi.handle", foi_request)
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
    _require(actor, "foi.handle", foi_request)
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
    _require(actor, "confidentiality.override", document.request)
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
    at=None,
) -> FoiRequest:
    """Arts. 36-39: the answer closes the request with exactly one outcome; the letter states the
    basis and the remedies; disclosed documents must have passed the confidentiality scan."""
    _require(actor, "foi.handle", foi_request)
    if outcome not in ANSWER_OUTCOMES:
        raise ValidationFailed("请选择答复类型。", field="outcome")
    if not text.strip():
        raise ValidationFailed("请填写答复正文。", field="text")
    with transaction.atomic():
        foi_request = _lock(foi_request)
        pending = []
        if info(outcome).discloses:
            pending = list(foi_request.documents.filter(is_public=False, role=RequestDocument.Role.DISCLOSED))
        blocking = [d.title for d in pending if d.blocking]
        if blocking:
            raise ValidationFailed(
                "附件保密审查发现高风险问题，须经保密审查员放行后才能发送：" + "、".join(blocking),
                field="documents",
            )
        foi_request.letter_number, foi_request.answer_text = letter_number, text
        foi_request.save(update_fields=["letter_number", "answer_text"])
        on = _check_date(on, not_before=foi_request.received_on or legal_date(foi_request.submitted_at))
        event = _transition(
            foi_request,
            Action.ANSWER,
            actor=actor,
            on=on,
            verb="answered",
            outcome=outcome,
            at=at,
            public_note=f"作出答复：{Outcome(outcome).label}。",
        )
        for doc in pending:
            doc.is_public, doc.event = True, event
            doc.save(update_fields=["is_public", "event"])
    return foi_request


# --- the clock job -------------------------------------------------------------------------------
def close_lapsed(today: date | None = None) -> dict:
    """Art. 30 (no 补正 in time → （六）1) and the fee rule (unpaid in 20 working days → （六）2).
    Also refreshes the stored answer dates, so a newly announced holiday year reaches the register."""
    today = today or legal_today()
    closed = {"supplement": 0, "fee": 0, "refreshed": 0}
    for foi_request in FoiRequest.objects.exclude(status=Status.CLOSED):
        clock = clock_for(foi_request, today)
        with transaction.atomic():
            if foi_request.status == Status.AWAITING_SUPPLEMENT and clock.supplement_overdue:
                _transition(
                    _lock(foi_request),
                    Action.SUPPLEMENT_LAPSED,
                    actor=None,
                    on=today,
                    verb="supplement_lapsed",
                    outcome=Outcome.SUPPLEMENT_LAPSED,
                    public_note="申请人无正当理由逾期未补正，视为放弃申请，不再处理（《条例》第三十条）。",
                )
                closed["supplement"] += 1
            elif foi_request.status == Status.AWAITING_PAYMENT and clock.fee_overdue:
                _transition(
                    _lock(foi_request),
                    Action.FEE_LAPSED,
                    actor=None,
                    on=today,
                    verb="fee_lapsed",
                    outcome=Outcome.FEE_UNPAID,
                    public_note="申请人逾期未按收费通知要求缴纳费用，不再处理该申请（国办函〔2020〕109号）。",
                )
                closed["fee"] += 1
            else:
                due = clock.answer_due.due if clock.answer_due else None
                if due != foi_request.answer_due_on:
                    FoiRequest.objects.filter(pk=foi_request.pk).update(answer_due_on=due)
                    closed["refreshed"] += 1
    return closed


# --- templates and table 四 ----------------------------------------------------------------------
def save_letter_template(*, actor, agency, kind: str, title: str, body: str) -> LetterTemplate:
    from .letters import validate_template

    _require(actor, "foi.manage")
    if actor is not None and actor.agency_id != agency.pk:
        raise PermissionDenied()
    validate_template(body)
    with transaction.atomic():
        template, _ = LetterTemplate.objects.update_or_create(
            agency=agency, kind=kind, defaults={"title": title, "body": body, "updated_by": actor}
        )
        audit.record(actor=actor, verb="foi_letter_template.saved", obj=template, after={"kind": kind})
    return template


def save_review_case(*, actor, agency, case: ReviewCase | None = None, **fields) -> ReviewCase:
    _require(actor, "foi.manage")
    if actor is not None and actor.agency_id != agency.pk:
        raise PermissionDenied()
    request = fields.get("request")
    if request is not None and request.agency_id != agency.pk:
        raise ValidationFailed("相关申请不属于本机关。", field="request")
    with transaction.atomic():
        case = case or ReviewCase(agency=agency)
        for key, value in fields.items():
            setattr(case, key, value)
        case.save()
        audit.record(
            actor=actor,
            verb="foi_review_case.saved",
            obj=case,
            after={"kind": case.kind, "result": case.result},
        )
    return case


def record_reminders(today: date | None = None) -> list[Reminder]:
    """Reminders to the handler (or the department) and the openness office for open requests whose
    answer date is within the warning days (GONGKAI_FOI_WARNING_DAYS) or past. One row per request,
    kind and day: the hourly job may run any number of times. Returns the rows created now."""
    from .selectors import warning_horizon

    today = today or legal_today()
    horizon = warning_horizon(today)
    created = []
    open_requests = (
        FoiRequest.objects.exclude(status=Status.CLOSED)
        .exclude(answer_due_on=None)
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
                    actor=None,
                    verb="foi_request.reminded",
                    obj=foi_request,
                    after={"kind": kind, "due_on": due.isoformat(), "on": today.isoformat()},
                )
                notify_reminder(reminder)
                created.append(reminder)
    return created
