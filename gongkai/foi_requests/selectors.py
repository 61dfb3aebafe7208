"""Reads: requests scoped to what a user may see, the clock of a request, the register's filters."""

from datetime import date, timedelta

from django.db.models import Q, QuerySet

from gongkai.accounts.selectors import scope_for
from gongkai.core.errors import NotFound
from gongkai.workdays.selectors import legal_today, load_calendar

from .clock import Clock, ClockEvent, compute_clock
from .models import FoiRequest, RequestEvent
from .states import OPEN_STATES, Status

CLOCK_KINDS = ("confirm_receipt", "request_supplement", "receive_supplement", "start_consultation",
               "end_consultation", "extend", "fee_notice", "fee_paid", "answer", "withdraw",
               "supplement_lapsed", "fee_lapsed")
DUE_SOON_WORKING_DAYS = 5


def visible_requests(user) -> QuerySet[FoiRequest]:
    return scope_for(user, FoiRequest.objects.select_related("department", "handler"))


def request_for_staff(user, pk: int) -> FoiRequest:
    obj = visible_requests(user).filter(pk=pk).first()
    if obj is None:
        raise NotFound("没有找到该申请，或您无权查看。")
    return obj


def request_for_applicant(tracking_number: str, token: str) -> FoiRequest:
    """The applicant's funnel: both the number and the secret token must match (else 404)."""
    if not tracking_number or not token or len(token) > 64:
        raise NotFound("没有找到该申请，请核对申请编号和查询码。")
    obj = FoiRequest.objects.filter(tracking_number=tracking_number, token=token).select_related("agency").first()
    if obj is None:
        raise NotFound("没有找到该申请，请核对申请编号和查询码。")
    return obj


def clock_events(foi_request: FoiRequest) -> list[ClockEvent]:
    rows = foi_request.events.filter(kind__in=CLOCK_KINDS).values_list("kind", "on", "days", "party")
    return [ClockEvent(kind, on, days, party) for kind, on, days, party in rows]


def clock_for(foi_request: FoiRequest, today: date | None = None) -> Clock:
    """Computed at read time, so a newly announced holiday year moves the deadline at once."""
    return compute_clock(clock_events(foi_request), load_calendar(), today or legal_today())


def public_events(foi_request: FoiRequest) -> QuerySet[RequestEvent]:
    return foi_request.events.filter(is_public=True).prefetch_related("documents")


def timeline(foi_request: FoiRequest) -> QuerySet[RequestEvent]:
    return foi_request.events.select_related("actor", "approved_by").prefetch_related("documents")


def register(user, *, status: str = "", queue: str = "", channel: str = "", applicant_type: str = "",
             q: str = "", sort: str = "", today: date | None = None) -> QuerySet[FoiRequest]:
    today = today or legal_today()
    qs = visible_requests(user)
    if status:
        qs = qs.filter(status=status)
    if channel:
        qs = qs.filter(channel=channel)
    if applicant_type:
        qs = qs.filter(applicant_type=applicant_type)
    if queue == "overdue":
        qs = qs.filter(status__in=OPEN_STATES, answer_due_on__lt=today)
    elif queue == "due_week":
        qs = qs.filter(status__in=OPEN_STATES, answer_due_on__gte=today, answer_due_on__lte=today + timedelta(days=7))
    elif queue == "unconfirmed":
        qs = qs.filter(status=Status.SUBMITTED)
    elif queue == "mine":
        qs = qs.filter(handler=user)
    if q:
        qs = qs.filter(Q(tracking_number__icontains=q) | Q(applicant_name__icontains=q) | Q(description__icontains=q))
    sorts = {"due": "answer_due_on", "-due": "-answer_due_on", "received": "received_on",
             "-received": "-received_on", "number": "tracking_number", "-number": "-tracking_number"}
    return qs.order_by(sorts.get(sort, "-submitted_at"), "-id")


def due_soon(user, today: date | None = None) -> tuple[list[FoiRequest], list[FoiRequest]]:
    """(overdue, due within a week) among the open requests the user may see."""
    today = today or legal_today()
    open_qs = visible_requests(user).filter(status__in=OPEN_STATES).exclude(answer_due_on=None)
    overdue = list(open_qs.filter(answer_due_on__lt=today).order_by("answer_due_on")[:20])
    soon = list(open_qs.filter(answer_due_on__gte=today, answer_due_on__lte=today + timedelta(days=7))
                .order_by("answer_due_on")[:20])
    return overdue, soon


def applicant_ordinal_in_month(foi_request: FoiRequest) -> int:
    """The n-th request of this applicant in the calendar month of its receipt (fee per request)."""
    on = foi_request.received_on or foi_request.submitted_at.date()
    return FoiRequest.objects.filter(
        agency=foi_request.agency, id_number_digest=foi_request.id_number_digest,
        submitted_at__year=on.year, submitted_at__month=on.month, submitted_at__lte=foi_request.submitted_at,
    ).count()


def similar_requests(foi_request: FoiRequest, limit: int = 5) -> list[FoiRequest]:
    """Other applicants' requests with the same or nearly the same description (Art. 44 candidates)."""
    words = {w for w in foi_request.description.replace("，", " ").replace("。", " ").split() if len(w) >= 4}
    qs = FoiRequest.objects.filter(agency=foi_request.agency).exclude(pk=foi_request.pk).exclude(
        id_number_digest=foi_request.id_number_digest)
    exact = list(qs.filter(description=foi_request.description)[:limit])
    if exact or not words:
        return exact
    cond = Q()
    for w in list(words)[:5]:
        cond |= Q(description__icontains=w)
    return list(qs.filter(cond)[:limit])
