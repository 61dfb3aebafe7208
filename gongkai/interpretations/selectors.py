"""Reads of interpretations: the public filter, the policy's publication time, coverage (解读覆盖)."""

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from gongkai.accounts.selectors import scope_for
from gongkai.catalogue.models import InformationItem, ItemRevision
from gongkai.catalogue.selectors import public_revisions
from gongkai.publishing.models import Workflow
from gongkai.publishing.states import LIVE_STATES, State

from . import deadlines
from .models import Form, Interpretation, Status, Waiver

LIVE = sorted(s.value for s in LIVE_STATES)
# States in which a policy revision was public at some time (superseded by a correction included).
WAS_PUBLIC = sorted({*LIVE, State.SUPERSEDED.value})


def _workflows_of(model, **filters):
    return Workflow.objects.filter(content_type=ContentType.objects.get_for_model(model), **filters)


# --- public -------------------------------------------------------------------------------------
def public_interpretations(agency, *, now: datetime | None = None) -> QuerySet[Interpretation]:
    """Public = published (or scheduled) with its time passed, and its policy public too: an
    interpretation never shows before the policy it explains."""
    now = now or timezone.now()
    scheduled = _workflows_of(
        Interpretation, object_id=OuterRef("pk"), state=State.SCHEDULED, publish_at__lte=now
    )
    policy_public = public_revisions(agency, now=now).filter(item_id=OuterRef("policy_id"))
    return (
        Interpretation.objects.filter(agency=agency)
        .filter(Q(status=Status.PUBLISHED, published_at__lte=now) | Q(Exists(scheduled)))
        .filter(Exists(policy_public))
        .annotate(public_at=Coalesce("published_at", Subquery(scheduled.values("publish_at")[:1])))
        .select_related("policy", "department")
    )


def latest_public_interpretations(
    agency_ids, *, limit: int, now: datetime | None = None
) -> list[Interpretation]:
    """The `limit` newest public interpretations of the agencies `agency_ids`, newest first (the city
    portal's latest list): the rule of `public_interpretations`, in two queries whatever the number of
    agencies — the published ones read newest first through `interpretation_public_idx`, and the few
    whose scheduled time has come (issue 18 item 11)."""
    from gongkai.catalogue.selectors import public_q

    now = now or timezone.now()
    ids = list(agency_ids)
    scheduled = _workflows_of(
        Interpretation, object_id=OuterRef("pk"), state=State.SCHEDULED, publish_at__lte=now
    )
    # The policy is public (any public revision of it, in the interpretation's own agency).
    policy_public = ItemRevision.objects.filter(
        public_q(now), item_id=OuterRef("policy_id"), agency_id=OuterRef("agency_id")
    )
    base = Interpretation.objects.filter(agency_id__in=ids).filter(Exists(policy_public))
    published = list(
        base.filter(status=Status.PUBLISHED, published_at__lte=now)
        .annotate(public_at=F("published_at"))
        .order_by("-published_at", "-id")[:limit]
    )
    due = list(
        base.filter(Exists(scheduled))
        .exclude(status=Status.PUBLISHED, published_at__lte=now)
        .annotate(public_at=Coalesce("published_at", Subquery(scheduled.values("publish_at")[:1])))
        .order_by("-public_at", "-id")[:limit]
    )
    return sorted(published + due, key=lambda i: (i.public_at, i.pk), reverse=True)[:limit]


def filter_public(qs, *, form: str = "", year: int | None = None, q: str = ""):
    if form in Form.values:
        qs = qs.filter(form=form)
    if year:
        qs = qs.filter(public_at__year=year)
    if q:
        qs = qs.filter(title__icontains=q)
    return qs.order_by("-public_at", "-id")


def public_years(agency) -> list[int]:
    return sorted(
        {d.year for d in public_interpretations(agency).values_list("public_at", flat=True) if d},
        reverse=True,
    )


def public_for_policy(item: InformationItem, *, now: datetime | None = None) -> list[Interpretation]:
    return list(public_interpretations(item.agency, now=now).filter(policy=item).order_by("public_at", "id"))


def policy_revision_public(item: InformationItem, *, now: datetime | None = None) -> ItemRevision | None:
    return public_revisions(item.agency, now=now).filter(item=item).first()


# --- timing -------------------------------------------------------------------------------------
def policy_public_at(item: InformationItem) -> datetime | None:
    """When the policy first became public as a revision needing interpretation (falls back to the
    item's first publication): the start of the 3-working-day clock."""
    needing = list(item.revisions.filter(needs_interpretation=True).values_list("pk", "published_at"))
    if not needing:
        return item.first_published_at
    times = [at for _pk, at in needing if at]
    times += list(
        _workflows_of(ItemRevision, object_id__in=[pk for pk, _ in needing], state__in=WAS_PUBLIC)
        .exclude(published_at=None)
        .values_list("published_at", flat=True)
    )
    return min(times) if times else None


def live_time(interpretation: Interpretation) -> datetime | None:
    """The minute the interpretation is (or will be) public, if it is published or scheduled."""
    if interpretation.status == Status.PUBLISHED and interpretation.published_at:
        return interpretation.published_at
    workflow = _workflows_of(Interpretation, object_id=interpretation.pk, state__in=LIVE).first()
    return workflow.published_at if workflow else None


def live_interpretations(item: InformationItem) -> list[tuple[Interpretation, datetime]]:
    """(interpretation, public time) of every approved interpretation of `item`, earliest first."""
    rows = []
    for interpretation in item.interpretations.exclude(status=Status.WITHDRAWN):
        at = live_time(interpretation)
        if at is not None:
            rows.append((interpretation, at))
    return sorted(rows, key=lambda row: row[1])


def waiver_for(revision: ItemRevision) -> Waiver | None:
    return Waiver.objects.filter(revision=revision).select_related("decided_by").first()


# --- office -------------------------------------------------------------------------------------
def interpretations_for(user) -> QuerySet[Interpretation]:
    return scope_for(user, Interpretation.objects.all()).select_related("policy", "department", "created_by")


@dataclass
class Coverage:
    item: InformationItem
    title: str
    policy_at: datetime | None
    category: str  # with_policy | on_time | late | missing | waived | pending
    due_on: date | None = None
    interpretation: Interpretation | None = None
    waiver: Waiver | None = None
    revision: ItemRevision | None = None  # the newest revision (a draft awaiting publication)

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self.category]


CATEGORY_LABELS = {
    "with_policy": "与政策同步解读",
    "on_time": "政策发布后按时解读",
    "late": "政策发布后逾期解读",
    "missing": "尚未解读",
    "waived": "领导登记不同步解读，待补充解读",
    "pending": "政策待发布",
}


def coverage(agency, *, today: date | None = None, now: datetime | None = None) -> list[Coverage]:
    """Every policy of `agency` marked as needing interpretation, classified (ADR 0014)."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    items = (
        InformationItem.objects.filter(agency=agency, revisions__needs_interpretation=True)
        .distinct()
        .select_related("current_revision")
        .order_by("-id")
    )
    rows = []
    for item in items:
        latest = item.revisions.order_by("-number").first()
        title = (item.current_revision or latest).title
        policy_at = policy_public_at(item)
        live = live_interpretations(item)
        if policy_at is None or policy_at > now:
            rows.append(
                Coverage(
                    item,
                    title,
                    policy_at,
                    "pending",
                    revision=latest,
                    interpretation=live[0][0] if live else None,
                    waiver=Waiver.objects.filter(revision=latest).first(),
                )
            )
            continue
        due_on = deadlines.due_on_for(timezone.localdate(policy_at))
        if live:
            interpretation, at = live[0]
            category, due, _late = deadlines.timing_of(policy_at=policy_at, interpretation_at=at)
            rows.append(Coverage(item, title, policy_at, category, due_on=due, interpretation=interpretation))
            continue
        waiver = Waiver.objects.filter(revision__item=item).select_related("decided_by").first()
        if waiver is not None:
            # A waiver lifts 三同步 only: the follow-up deadline (3 working days) still runs (issue 11.11).
            rows.append(Coverage(item, title, policy_at, "waived", due_on=due_on, waiver=waiver))
        else:
            rows.append(Coverage(item, title, policy_at, "missing", due_on=due_on))
    return rows


def coverage_summary(rows: list[Coverage]) -> dict:
    counts = {key: 0 for key in CATEGORY_LABELS}
    for row in rows:
        counts[row.category] += 1
    published = sum(v for k, v in counts.items() if k != "pending")
    interpreted = counts["with_policy"] + counts["on_time"] + counts["late"]
    return {
        "counts": counts,
        "labels": CATEGORY_LABELS,
        "published": published,
        "interpreted": interpreted,
        "rate": round(100 * interpreted / published) if published else None,
        "sync_rate": round(100 * counts["with_policy"] / published) if published else None,
    }


def due_soon(rows: list[Coverage], *, today: date, within_days: int = 1) -> list[Coverage]:
    """Missing interpretations (also those waived from 三同步) due today or within `within_days` working
    days."""
    from gongkai.catalogue.deadlines import add_working_days

    horizon = add_working_days(today, within_days)
    return [r for r in rows if r.category in AWAITING and r.due_on and today <= r.due_on <= horizon]


def overdue(rows: list[Coverage], *, today: date) -> list[Coverage]:
    return [r for r in rows if r.category in AWAITING and r.due_on and r.due_on < today]


# Published policies still waiting for their interpretation: a 三同步 waiver does not stop the clock.
AWAITING = ("missing", "waived")
