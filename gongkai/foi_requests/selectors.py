"""Reads: requests scoped to what a user may see, the clock of a request, the register's filters."""

import os
import re
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Q, QuerySet

from gongkai.accounts.selectors import scope_for
from gongkai.core import secret_links
from gongkai.core.errors import NotFound
from gongkai.workdays.calculator import add_working_days
from gongkai.workdays.selectors import legal_date, legal_today, load_calendar

from .clock import Clock, ClockEvent, compute_clock
from .models import FoiRequest, Reminder, RequestEvent
from .outcomes import Outcome
from .states import OPEN_STATES, Status

CLOCK_KINDS = (
    "confirm_receipt",
    "request_supplement",
    "receive_supplement",
    "start_consultation",
    "end_consultation",
    "extend",
    "fee_notice",
    "fee_paid",
    "answer",
    "withdraw",
    "supplement_lapsed",
    "fee_lapsed",
)
DEFAULT_WARNING_DAYS = 3
# How many calendar days an event may be dated before the day it is entered without a written reason
# (which is audited). What the platform itself issues — the 受理回执 (Art. 31), the 补正告知书 (Art. 30), the
# 第三方意见征询函 (Art. 32), the extension (Art. 33 ¶2), the fee notice or waiver and the answer — is dated
# the day it is recorded (0); what arrives from outside — a supplement, a consultee's reply, a payment, a
# withdrawal — may be entered a few days later ("default"). Setting GONGKAI_FOI_BACKDATE_DAYS: a dict by
# event kind (or "answer=0,default=3"), merged over these defaults.
DEFAULT_BACKDATE_DAYS = {
    "confirm_receipt": 0,
    "request_supplement": 0,
    "start_consultation": 0,
    "extend": 0,
    "fee_notice": 0,
    "fee_waived": 0,
    "answer": 0,
    "default": 3,
}
LAPSING_STATES = (Status.AWAITING_SUPPLEMENT, Status.AWAITING_PAYMENT)
LAPSE_OUTCOMES = {
    Status.AWAITING_SUPPLEMENT: Outcome.SUPPLEMENT_LAPSED,
    Status.AWAITING_PAYMENT: Outcome.FEE_UNPAID,
}


def _backdate_setting() -> dict:
    """GONGKAI_FOI_BACKDATE_DAYS as a dict, or as "answer=0,default=3" (the environment's form)."""
    value = getattr(settings, "GONGKAI_FOI_BACKDATE_DAYS", None) or {}
    if isinstance(value, str):
        pairs = (part.split("=", 1) for part in value.split(",") if "=" in part)
        value = {key.strip(): days.strip() for key, days in pairs}
    return value if isinstance(value, dict) else {}


def backdate_tolerance(kind: str) -> int:
    days = {**DEFAULT_BACKDATE_DAYS, **_backdate_setting()}
    try:
        return max(0, int(days.get(kind, days["default"])))
    except (TypeError, ValueError, KeyError):
        return DEFAULT_BACKDATE_DAYS.get(kind, DEFAULT_BACKDATE_DAYS["default"])


def lapsed_q(today: date) -> Q:
    """Requests the law has closed by `today` (no supplement or no payment in time), whether or not
    the worker has recorded it yet."""
    return Q(status__in=LAPSING_STATES, lapses_on__lte=today)


def as_of(foi_request: FoiRequest, today: date | None = None) -> FoiRequest:
    """The request as the law stands today: a lapsed one shows closed, with its outcome and the legal
    closing date, before the worker has written the event (read-time, like the embargo). In memory only."""
    today = today or legal_today()
    if foi_request.status in LAPSING_STATES and foi_request.lapses_on and foi_request.lapses_on <= today:
        foi_request.outcome = LAPSE_OUTCOMES[Status(foi_request.status)]
        foi_request.status, foi_request.closed_on = Status.CLOSED, foi_request.lapses_on
        foi_request.answer_due_on = None
    return foi_request


def warning_days(agency=None) -> int:
    """Working days before the answer date at which a request counts as "due soon" and the handler and
    the office are reminded: the agency's setting (core.agency_settings), else GONGKAI_FOI_WARNING_DAYS
    (or the environment variable), default 3."""
    from gongkai.core.agency_settings import AgencySettingMissing, own_value

    try:
        return own_value("foi_warning_days", agency)
    except AgencySettingMissing:
        pass
    value = getattr(settings, "GONGKAI_FOI_WARNING_DAYS", None) or os.environ.get("GONGKAI_FOI_WARNING_DAYS")
    try:
        return max(0, int(value)) if value not in (None, "") else DEFAULT_WARNING_DAYS
    except (TypeError, ValueError):
        return DEFAULT_WARNING_DAYS


def warning_horizon(today: date) -> date:
    """The last answer date that counts as due soon on `today`."""
    return add_working_days(today, warning_days(), load_calendar()).due


def visible_requests(user) -> QuerySet[FoiRequest]:
    return scope_for(user, FoiRequest.objects.select_related("department", "handler"))


def request_for_staff(user, pk: int) -> FoiRequest:
    obj = visible_requests(user).filter(pk=pk).first()
    if obj is None:
        raise NotFound("没有找到该申请，或您无权查看。")
    return as_of(obj)


def request_for_applicant(tracking_number: str, token: str) -> FoiRequest:
    """The applicant's funnel: both the number and the secret token must match (else 404)."""
    if not tracking_number or not secret_links.plausible(token):
        raise NotFound("没有找到该申请，请核对申请编号和查询码。")
    obj = (
        FoiRequest.objects.filter(tracking_number=tracking_number, token_hash=secret_links.hash_token(token))
        .select_related("agency", "forwarded_from__agency")
        .first()
    )
    if obj is None:
        # A forwarded copy's link also opens the request it came from (the same applicant; ADR 0042).
        obj = (
            FoiRequest.objects.filter(
                tracking_number=tracking_number, forwarded_to__token_hash=secret_links.hash_token(token)
            )
            .select_related("agency", "forwarded_from__agency")
            .first()
        )
    if obj is None:
        raise NotFound("没有找到该申请，请核对申请编号和查询码。")
    return as_of(obj)


def forwarded_copy(foi_request: FoiRequest) -> FoiRequest | None:
    """The new request another agency registered from this one (issue 18 item 3), for the applicant,
    with `link_token`: the secret its link carries, derived from this request's."""
    copy = FoiRequest.objects.filter(forwarded_from=foi_request).select_related("agency").first()
    if copy is not None:
        copy.link_token = secret_links.derived_token(foi_request.token_hash, "forward")
    return copy


def clock_events(foi_request: FoiRequest) -> list[ClockEvent]:
    rows = foi_request.events.filter(kind__in=CLOCK_KINDS).values_list("kind", "on", "days", "party", "at")
    return [ClockEvent(kind, on, days, party, legal_date(at)) for kind, on, days, party, at in rows]


def clock_for(foi_request: FoiRequest, today: date | None = None) -> Clock:
    """Computed at read time, so a newly announced holiday year moves the deadline at once."""
    return compute_clock(clock_events(foi_request), load_calendar(), today or legal_today())


def public_events(foi_request: FoiRequest) -> QuerySet[RequestEvent]:
    return foi_request.events.filter(is_public=True).prefetch_related("documents")


def timeline(foi_request: FoiRequest) -> QuerySet[RequestEvent]:
    return foi_request.events.select_related("actor", "approved_by").prefetch_related("documents")


def register(
    user,
    *,
    status: str = "",
    queue: str = "",
    channel: str = "",
    applicant_type: str = "",
    q: str = "",
    sort: str = "",
    today: date | None = None,
) -> QuerySet[FoiRequest]:
    today = today or legal_today()
    qs = visible_requests(user)
    if status == Status.CLOSED:
        qs = qs.filter(Q(status=status) | lapsed_q(today))
    elif status:
        qs = qs.filter(status=status).exclude(lapsed_q(today))
    if channel:
        qs = qs.filter(channel=channel)
    if applicant_type:
        qs = qs.filter(applicant_type=applicant_type)
    if queue in ("overdue", "due_soon", "due_week", "unassigned"):
        qs = qs.exclude(lapsed_q(today))
    if queue == "overdue":
        qs = qs.filter(status__in=OPEN_STATES, answer_due_on__lt=today)
    elif queue in ("due_soon", "due_week"):
        qs = qs.filter(
            status__in=OPEN_STATES, answer_due_on__gte=today, answer_due_on__lte=warning_horizon(today)
        )
    elif queue == "unconfirmed":
        qs = qs.filter(status=Status.SUBMITTED)
    elif queue == "mine":
        qs = qs.filter(my_cases_q(user))
    elif queue == "unassigned":
        qs = qs.filter(status__in=OPEN_STATES, department=None)
    if q:
        qs = qs.filter(
            Q(tracking_number__icontains=q) | Q(applicant_name__icontains=q) | Q(description__icontains=q)
        )
    sorts = {
        "due": "answer_due_on",
        "-due": "-answer_due_on",
        "received": "received_on",
        "-received": "-received_on",
        "number": "tracking_number",
        "-number": "-tracking_number",
    }
    return qs.order_by(sorts.get(sort, "-submitted_at"), "-id")


def my_cases_q(user) -> Q:
    """ "My cases": assigned to my department or handled by me."""
    cond = Q(handler_id=user.pk)
    if getattr(user, "department_id", None):
        cond |= Q(department_id=user.department_id)
    return cond


def due_soon(user, today: date | None = None) -> tuple[list[FoiRequest], list[FoiRequest]]:
    """(overdue, due within the warning days) among the open requests the user may see."""
    today = today or legal_today()
    open_qs = (
        visible_requests(user)
        .filter(status__in=OPEN_STATES)
        .exclude(answer_due_on=None)
        .exclude(lapsed_q(today))
    )
    overdue = list(open_qs.filter(answer_due_on__lt=today).order_by("answer_due_on")[:20])
    soon = list(
        open_qs.filter(answer_due_on__gte=today, answer_due_on__lte=warning_horizon(today)).order_by(
            "answer_due_on"
        )[:20]
    )
    return overdue, soon


def reminders_for(user, today: date | None = None) -> QuerySet[Reminder]:
    """Today's reminders the user should see: the office sees all of its agency's; a drafter those of
    the requests of their department or handled by them."""
    from gongkai.accounts.permissions import has_perm

    today = today or legal_today()
    qs = Reminder.objects.filter(
        on=today, request__in=visible_requests(user), request__status__in=OPEN_STATES
    ).exclude(request__status__in=LAPSING_STATES, request__lapses_on__lte=today)
    if not has_perm(user, "foi.register"):
        qs = qs.filter(Q(handler_id=user.pk) | Q(department_id=user.department_id))
    return qs.select_related("request").order_by("due_on", "id")


def applicant_ordinal_in_month(foi_request: FoiRequest) -> int:
    """The n-th request of this applicant in the calendar month of its receipt (fee per request)."""
    on = foi_request.received_on or foi_request.submitted_at.date()
    return FoiRequest.objects.filter(
        agency=foi_request.agency,
        id_number_digest=foi_request.id_number_digest,
        submitted_at__year=on.year,
        submitted_at__month=on.month,
        submitted_at__lte=foi_request.submitted_at,
    ).count()


# --- duplicates and near-duplicates (《条例》Art. 44) --------------------------------------------------
# Two descriptions are "the same or near the same" when the Jaccard similarity of their character bigrams
# (punctuation and spaces removed) reaches this threshold. Bigrams need no dictionary and treat
# "2024年福州市居民人均可支配收入" and "福州市2024年居民人均可支配收入数据" as near the same.
SIMILARITY_THRESHOLD = 0.6
SIMILARITY_POOL = 2000  # the most recent requests compared; enough for an agency's few hundred a year
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def bigrams(text: str) -> frozenset[str]:
    clean = _NOISE.sub("", text or "").lower()
    if len(clean) < 2:
        return frozenset({clean}) if clean else frozenset()
    return frozenset(clean[i : i + 2] for i in range(len(clean) - 1))


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the bigram sets, 0..1 (1 = the same after removing punctuation)."""
    x, y = bigrams(a), bigrams(b)
    if not x or not y:
        return 0.0
    return len(x & y) / len(x | y)


def _pool(agency) -> list[FoiRequest]:
    return list(FoiRequest.objects.filter(agency=agency).order_by("-submitted_at", "-id")[:SIMILARITY_POOL])


def similar_requests(foi_request: FoiRequest, limit: int = 5) -> list[FoiRequest]:
    """Other applicants' requests with the same or nearly the same description (Art. 44 candidates),
    most similar first; each carries `.similarity` (0..1)."""
    own = bigrams(foi_request.description)
    found = []
    for other in _pool(foi_request.agency):
        if other.pk == foi_request.pk or other.id_number_digest == foi_request.id_number_digest:
            continue
        theirs = bigrams(other.description)
        score = len(own & theirs) / len(own | theirs) if own and theirs else 0.0
        if score >= SIMILARITY_THRESHOLD:
            other.similarity = score
            found.append(other)
    found.sort(key=lambda r: (-r.similarity, -r.submitted_at.timestamp()))
    return found[:limit]


@dataclass
class Cluster:
    """Requests for the same or nearly the same information."""

    description: str
    requests: list[FoiRequest] = field(default_factory=list)
    applicants: set[str] = field(default_factory=set)
    grams: frozenset[str] = frozenset()

    @property
    def applicant_count(self) -> int:
        return len(self.applicants)


def frequently_requested(user, *, min_applicants: int = 2, since: date | None = None) -> list[Cluster]:
    """Information that several different applicants asked for: candidates for proactive disclosure
    (《条例》Art. 44). Greedy clustering on the bigram similarity, most applicants first."""
    qs = visible_requests(user)
    if since:
        qs = qs.filter(submitted_at__date__gte=since)
    return cluster_requests(qs, min_applicants=min_applicants)


def cluster_requests(qs: QuerySet[FoiRequest], *, min_applicants: int = 2) -> list[Cluster]:
    """The near-duplicate groups among `qs` that several applicants asked for (used by
    `frequently_requested` and by the annual self-inspection, which passes one agency's year)."""
    clusters: list[Cluster] = []
    recent = list(qs.order_by("-submitted_at", "-id")[:SIMILARITY_POOL])
    for r in reversed(recent):
        grams = bigrams(r.description)
        for cluster in clusters:
            union = grams | cluster.grams
            if union and len(grams & cluster.grams) / len(union) >= SIMILARITY_THRESHOLD:
                break
        else:
            cluster = Cluster(description=r.description, grams=grams)
            clusters.append(cluster)
        cluster.requests.append(r)
        cluster.applicants.add(r.id_number_digest)
    result = [c for c in clusters if c.applicant_count >= min_applicants]
    result.sort(key=lambda c: (-c.applicant_count, -len(c.requests), c.description))
    return result
