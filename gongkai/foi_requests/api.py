"""依申请公开 in the API: submit (public, rate-limited), follow (tracking number + token), and the
staff's register and actions (token authentication) through the same services as the pages."""

from datetime import date, datetime

from django.core.cache import cache
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from gongkai.accounts.api_auth import TokenAuth
from gongkai.core.errors import ValidationFailed
from gongkai.core.selectors import public_agency

from . import selectors, services
from .forms import ApplicationForm
from .views.portal import APPLY_LIMIT, APPLY_WINDOW_SECONDS

router = Router(tags=["foi_requests"])


class ApplicationIn(Schema):
    applicant_type: str
    applicant_name: str
    contact_person: str = ""
    id_type: str
    id_number: str
    phone: str
    email: str = ""
    address: str = ""
    postcode: str = ""
    description: str
    purpose: str = ""
    delivery_form: str
    delivery_channel: str


class SubmittedOut(Schema):
    tracking_number: str
    token: str
    status: str
    track_url: str


class EventOut(Schema):
    kind: str
    label: str
    at: datetime
    on: date
    note: str


class ClockOut(Schema):
    received_on: date | None
    start_on: date | None
    answer_due: date | None
    provisional: bool
    day_index: int
    limit: int
    overdue: bool
    paused_reason: str
    lapses_on: date | None  # the day a pending 补正 or fee lapses (《条例》Art. 30; 国办函〔2020〕109号)
    lapsed: bool


class RequestOut(Schema):
    tracking_number: str
    status: str
    status_label: str
    outcome: str
    outcome_label: str
    submitted_at: datetime
    clock: ClockOut
    events: list[EventOut]


class RequestRow(Schema):
    """A row of the register, as the law stands today (a lapsed request shows closed)."""

    id: int
    tracking_number: str
    applicant_type: str
    status: str
    received_on: date | None
    answer_due_on: date | None
    outcome: str


class RegisterIn(ApplicationIn):
    """A letter, fax, in-person or oral application registered by staff (Arts. 29, 31, 43)."""

    channel: str  # letter_signed, letter_plain, fax, in_person, oral
    received_on: date | None = None  # Art. 31; in person / oral: today when left out
    backdate_reason: str = ""  # required when received_on is before today
    note: str = ""


class AnswerIn(Schema):
    outcome: str
    text: str
    letter_number: str = ""
    on: date | None = None
    backdate_reason: str = ""


class DateNoteIn(Schema):
    on: date | None = None  # the legal date; today when left out
    note: str = ""
    backdate_reason: str = ""  # required when `on` is earlier than the tolerance allows


class AssignIn(Schema):
    department_id: int
    handler_id: int | None = None


class SupplementNoticeIn(Schema):
    items: str
    days: int = 15
    on: date | None = None
    backdate_reason: str = ""


class ConsultationIn(Schema):
    party: str  # "third_party" (Art. 32) or "agency" (Art. 34)
    consultee: str
    on: date | None = None
    note: str = ""
    backdate_reason: str = ""


class ExtendIn(Schema):
    days: int
    reason: str
    on: date | None = None
    backdate_reason: str = ""


class FeeNoticeIn(Schema):
    method: str  # "per_request" or "per_page"
    pages: int = 0
    on: date | None = None
    relief: str = ""  # "reduced" or "waived" for an applicant in economic difficulty (国办函〔2020〕109号)
    reduced_amount: int | None = None
    relief_reason: str = ""
    backdate_reason: str = ""


class WithdrawIn(Schema):
    note: str
    on: date | None = None
    backdate_reason: str = ""


def _out(foi_request, *, public: bool) -> dict:
    clock = selectors.clock_for(foi_request)
    events = selectors.public_events(foi_request) if public else selectors.timeline(foi_request)
    return {
        "tracking_number": foi_request.tracking_number,
        "status": foi_request.status,
        "status_label": foi_request.get_status_display(),
        "outcome": foi_request.outcome,
        "outcome_label": foi_request.get_outcome_display() if foi_request.outcome else "",
        "submitted_at": foi_request.submitted_at,
        "clock": {
            "received_on": clock.received_on,
            "start_on": clock.start_on,
            "answer_due": clock.answer_due.due if clock.answer_due else None,
            "provisional": bool(clock.answer_due and clock.answer_due.provisional),
            "day_index": clock.day_index,
            "limit": clock.limit,
            "overdue": clock.overdue,
            "paused_reason": clock.paused_reason,
            "lapses_on": clock.lapses_on,
            "lapsed": clock.lapsed,
        },
        "events": [
            {
                "kind": e.kind,
                "label": e.kind_label,
                "at": e.at,
                "on": e.on,
                "note": e.public_note if public else (e.note or e.public_note),
            }
            for e in events
        ],
    }


@router.post("", response={201: SubmittedOut}, auth=None, summary="提交政府信息公开申请（公开，限频）")
def submit(request, payload: ApplicationIn):
    form = ApplicationForm(payload.dict())
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        raise ValidationFailed(errors[0], field=None if field == "__all__" else field)
    key = f"foi:api:{request.META.get('REMOTE_ADDR', 'unknown')}"
    count = cache.get(key, 0)
    if count >= APPLY_LIMIT:
        raise HttpError(429, "提交过于频繁，请稍后再试。")
    cache.set(key, count + 1, APPLY_WINDOW_SECONDS)
    agency = public_agency()
    foi_request = services.submit_application(agency=agency, data=form.cleaned_data)
    token = foi_request.link_token  # handed over once, here; only its hash is stored
    url = request.build_absolute_uri(f"/xxgk/ysqgk/track/{foi_request.tracking_number}/{token}/")
    return 201, {
        "tracking_number": foi_request.tracking_number,
        "token": token,
        "status": foi_request.status,
        "track_url": url,
    }


@router.get(
    "/track/{tracking_number}", response=RequestOut, auth=None, summary="凭申请编号和查询码查看办理进度"
)
def track(request, tracking_number: str, token: str):
    return _out(selectors.request_for_applicant(tracking_number, token), public=True)


@router.get(
    "", response=list[RequestRow], auth=TokenAuth(), summary="登记簿（工作人员；可按队列、状态和关键词筛选）"
)
def staff_list(
    request,
    status: str = "",
    queue: str = "",
    q: str = "",
    limit: int = Query(50, ge=1, le=200),
    offset: int = Query(0, ge=0, le=1_000_000),
):
    qs = selectors.register(request.auth, status=status, queue=queue, q=q[:100])
    limit, offset = min(max(limit, 1), 200), max(offset, 0)
    return [selectors.as_of(r) for r in qs[offset : offset + limit]]


@router.get("/{int:pk}", response=RequestOut, auth=TokenAuth(), summary="一件申请（工作人员）")
def staff_detail(request, pk: int):
    return _out(selectors.request_for_staff(request.auth, pk), public=False)


# --- staff actions: each one service call, so permissions, states, events and audit are the pages' ---
STAFF = TokenAuth()


def _staff_request(request, pk: int):
    return selectors.request_for_staff(request.auth, pk)


@router.post(
    "/register",
    response={201: RequestOut},
    auth=STAFF,
    summary="登记信函、传真、当面或口头申请（工作人员；《条例》第二十九条、第三十一条）",
)
def staff_register(request, payload: RegisterIn):
    from .forms import RegisterForm

    form = RegisterForm(payload.dict())
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        raise ValidationFailed(errors[0], field=None if field == "__all__" else field)
    data = form.cleaned_data
    foi_request = services.submit_application(
        actor=request.auth,
        agency=request.auth.agency,
        data=data,
        channel=data["channel"],
        received_on=data.get("received_on"),
        note=data.get("note", ""),
        backdate_reason=data.get("backdate_reason", ""),
    )
    return 201, _out(foi_request, public=False)


@router.post("/{int:pk}/confirm", response=RequestOut, auth=STAFF, summary="确认收到申请（工作人员）")
def staff_confirm(request, pk: int, payload: DateNoteIn):
    foi_request = services.confirm_receipt(
        actor=request.auth, foi_request=_staff_request(request, pk), **payload.dict()
    )
    return _out(foi_request, public=False)


@router.post("/{int:pk}/assign", response=RequestOut, auth=STAFF, summary="分办到处室（工作人员）")
def staff_assign(request, pk: int, payload: AssignIn):
    from gongkai.accounts.selectors import departments_of, staff_of

    foi_request = _staff_request(request, pk)
    department = departments_of(foi_request.agency).filter(pk=payload.department_id).first()
    if department is None:
        raise ValidationFailed("没有找到该处室。", field="department_id")
    handler = None
    if payload.handler_id is not None:
        handler = staff_of(foi_request.agency).filter(pk=payload.handler_id, is_active=True).first()
        if handler is None:
            raise ValidationFailed("没有找到该承办人。", field="handler_id")
    foi_request = services.assign(
        actor=request.auth, foi_request=foi_request, department=department, handler=handler
    )
    return _out(foi_request, public=False)


@router.post(
    "/{int:pk}/supplement-notice", response=RequestOut, auth=STAFF, summary="发出补正告知（工作人员）"
)
def staff_supplement_notice(request, pk: int, payload: SupplementNoticeIn):
    foi_request = services.request_supplement(
        actor=request.auth, foi_request=_staff_request(request, pk), **payload.dict()
    )
    return _out(foi_request, public=False)


@router.post("/{int:pk}/supplement", response=RequestOut, auth=STAFF, summary="登记收到补正（工作人员）")
def staff_supplement(request, pk: int, payload: DateNoteIn):
    foi_request = services.receive_supplement(
        actor=request.auth, foi_request=_staff_request(request, pk), **payload.dict()
    )
    return _out(foi_request, public=False)


@router.post("/{int:pk}/consultations", response=RequestOut, auth=STAFF, summary="开始征求意见（工作人员）")
def staff_consultation_start(request, pk: int, payload: ConsultationIn):
    foi_request = services.start_consultation(
        actor=request.auth, foi_request=_staff_request(request, pk), **payload.dict()
    )
    return _out(foi_request, public=False)


@router.post(
    "/{int:pk}/consultations/end", response=RequestOut, auth=STAFF, summary="征求意见结束（工作人员）"
)
def staff_consultation_end(request, pk: int, payload: DateNoteIn):
    foi_request = services.end_consultation(
        actor=request.auth, foi_request=_staff_request(request, pk), **payload.dict()
    )
    return _out(foi_request, public=False)


@router.post(
    "/{int:pk}/extend", response=RequestOut, auth=STAFF, summary="延长答复期限（政府信息公开工作机构负责人）"
)
def staff_extend(request, pk: int, payload: ExtendIn):
    foi_request = services.extend_deadline(
        actor=request.auth, foi_request=_staff_request(request, pk), **payload.dict()
    )
    return _out(foi_request, public=False)


@router.post("/{int:pk}/fee-notice", response=RequestOut, auth=STAFF, summary="发出收费通知（工作人员）")
def staff_fee_notice(request, pk: int, payload: FeeNoticeIn):
    foi_request = services.send_fee_notice(
        actor=request.auth, foi_request=_staff_request(request, pk), **payload.dict()
    )
    return _out(foi_request, public=False)


@router.post("/{int:pk}/fee-paid", response=RequestOut, auth=STAFF, summary="登记已缴费（工作人员）")
def staff_fee_paid(request, pk: int, payload: DateNoteIn):
    foi_request = services.record_payment(
        actor=request.auth,
        foi_request=_staff_request(request, pk),
        on=payload.on,
        backdate_reason=payload.backdate_reason,
    )
    return _out(foi_request, public=False)


@router.post("/{int:pk}/answer", response=RequestOut, auth=STAFF, summary="作出答复并办结（工作人员）")
def staff_answer(request, pk: int, payload: AnswerIn):
    foi_request = services.answer(
        actor=request.auth, foi_request=_staff_request(request, pk), **payload.dict()
    )
    return _out(foi_request, public=False)


@router.post("/{int:pk}/withdraw", response=RequestOut, auth=STAFF, summary="申请人撤回，办结（工作人员）")
def staff_withdraw(request, pk: int, payload: WithdrawIn):
    foi_request = services.withdraw(
        actor=request.auth, foi_request=_staff_request(request, pk), **payload.dict()
    )
    return _out(foi_request, public=False)


class ForwardIn(Schema):
    to_agency: str  # the code of the competent agency on the platform
    text: str = ""  # the 本机关不掌握 letter; generated (naming the agency) when left out
    letter_number: str = ""
    on: date | None = None
    backdate_reason: str = ""


class ForwardedOut(Schema):
    request: RequestOut
    forwarded_agency: str
    forwarded_tracking_number: str


@router.post(
    "/{int:pk}/forward",
    response={201: ForwardedOut},
    auth=STAFF,
    summary="答复不属于本机关负责公开并转送有权机关（工作人员；《条例》第三十六条第（五）项）",
)
def staff_forward(request, pk: int, payload: ForwardIn):
    foi_request = _staff_request(request, pk)
    target = services.forwarding_targets(foi_request).filter(code=payload.to_agency).first()
    if target is None:
        raise ValidationFailed("本平台上没有该机关，请核对机关代码。", field="to_agency")
    data = payload.dict()
    data.pop("to_agency")
    copy = services.forward_request(actor=request.auth, foi_request=foi_request, to_agency=target, **data)
    foi_request = selectors.request_for_staff(request.auth, pk)
    return 201, {
        "request": _out(foi_request, public=False),
        "forwarded_agency": target.code,
        "forwarded_tracking_number": copy.tracking_number,
    }
