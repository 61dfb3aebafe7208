"""Reads of the annual self-inspection, scoped to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from gongkai.accounts.guard import scoped
from gongkai.accounts.permissions import has_perm
from gongkai.catalogue.models import RevisionStatus
from gongkai.publishing.selectors import workflow_for

from .models import Campaign, Entry, NegativeListReview
from .rules import Decision, Kind, ReviewOutcome

# The entry list's filters: value → (label, condition).
PUBLISHED_Q = Q(
    decision=Decision.PUBLISH, revision__status__in=[RevisionStatus.PUBLISHED, RevisionStatus.SUPERSEDED]
)
DECISION_FILTERS = {
    "undecided": ("未决定", Q(decision="")),
    Decision.PUBLISH.value: ("转为主动公开", Q(decision=Decision.PUBLISH)),
    "published": ("转为主动公开且已发布", PUBLISHED_Q),
    Decision.KEEP_WITHHELD.value: ("继续不公开", Q(decision=Decision.KEEP_WITHHELD)),
    Decision.ALREADY_PUBLIC.value: ("已公开", Q(decision=Decision.ALREADY_PUBLIC)),
}


def campaigns_for(user) -> QuerySet[Campaign]:
    if not has_perm(user, "self_inspection.view"):
        return Campaign.objects.none()
    return scoped(
        user, Campaign.objects.select_related("created_by", "closed_by"), department_field=None
    ).annotate(
        entry_count=Count("entries", distinct=True),
        undecided_count=Count("entries", filter=Q(entries__decision=""), distinct=True),
    )


def entries_of(campaign: Campaign, *, kind: str = "", decision: str = "", q: str = "") -> QuerySet[Entry]:
    entries = campaign.entries.select_related("decided_by", "item", "revision", "revision__item")
    if kind in Kind.values:
        entries = entries.filter(kind=kind)
    if decision in DECISION_FILTERS:
        entries = entries.filter(DECISION_FILTERS[decision][1])
    if q := (q or "").strip():
        entries = entries.filter(Q(title__icontains=q) | Q(reference__icontains=q) | Q(detail__icontains=q))
    return entries.order_by("kind", "occurred_on", "id")


def reviews_of(campaign: Campaign) -> QuerySet[NegativeListReview]:
    return campaign.negative_reviews.select_related("entry", "decided_by").order_by("entry__sort_order", "id")


def publication_state(entry: Entry) -> str:
    """What a 转为主动公开 decision has become: 已公开 once the draft is published, else the workflow's
    state (草稿, 待保密审查 …). Read from the workflow every time, so it never lags."""
    if entry.decision == Decision.ALREADY_PUBLIC:
        return "已公开"
    if entry.decision != Decision.PUBLISH or entry.revision is None:
        return ""
    if entry.revision.status in (RevisionStatus.PUBLISHED, RevisionStatus.SUPERSEDED):
        return "已公开"
    if entry.revision.status == RevisionStatus.WITHDRAWN:
        return "已撤回"
    workflow = workflow_for(entry.revision)
    return workflow.state_label if workflow else "草稿"


def with_states(entries) -> list[Entry]:
    rows = list(entries)
    for entry in rows:
        entry.publication_state = publication_state(entry)
    return rows


@dataclass
class Figures:
    total: int
    by_kind: list[tuple[str, int]]
    undecided: int
    to_publish: int
    published: int
    kept: int
    already_public: int
    negative_total: int
    negative_by_outcome: list[tuple[str, int]]
    negative_unreviewed: int


def figures(campaign: Campaign) -> Figures:
    """The counts of the campaign page and of the report."""
    entries = campaign.entries.all()
    kinds = dict(entries.values_list("kind").annotate(n=Count("id")))
    reviews = campaign.negative_reviews.all()
    outcomes = dict(reviews.values_list("outcome").annotate(n=Count("id")))
    return Figures(
        total=entries.count(),
        by_kind=[(label, kinds.get(value, 0)) for value, label in Kind.choices],
        undecided=entries.filter(decision="").count(),
        to_publish=entries.filter(decision=Decision.PUBLISH).count(),
        published=entries.filter(PUBLISHED_Q).count(),
        kept=entries.filter(decision=Decision.KEEP_WITHHELD).count(),
        already_public=entries.filter(decision=Decision.ALREADY_PUBLIC).count(),
        negative_total=reviews.count(),
        negative_by_outcome=[(label, outcomes.get(value, 0)) for value, label in ReviewOutcome.choices],
        negative_unreviewed=outcomes.get("", 0),
    )
