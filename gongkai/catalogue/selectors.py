"""Reads of the catalogue. Public reads go through `public_revisions`: the one read-time filter."""

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from gongkai.accounts.selectors import scope_for

from . import deadlines
from .models import (
    CatalogueNode,
    DisclosureMode,
    InformationItem,
    ItemRevision,
    NormativeStatus,
    OpennessCategory,
    RevisionStatus,
    Source,
    Validity,
)

SORTS = {"date": ("-public_at", "-id"), "date_asc": ("public_at", "id"), "title": ("title", "id")}


def _scheduled_workflows(now):
    from gongkai.publishing.models import Workflow

    return Workflow.objects.filter(
        content_type=ContentType.objects.get_for_model(ItemRevision),
        object_id=OuterRef("pk"),
        state="scheduled",
        publish_at__lte=now,
    )


def public_q(now) -> Q:
    """Public = proactive, and published with published_at <= now, or scheduled for a time <= now
    (read-time: nothing waits for a worker, nothing shows early; STACK-NOTES)."""
    return Q(disclosure_mode=DisclosureMode.PROACTIVE) & (
        Q(status=RevisionStatus.PUBLISHED, published_at__lte=now) | Q(Exists(_scheduled_workflows(now)))
    )


def effective_validity(today: date) -> Case:
    """有效性 as the public sees it: a 规范性文件's current status (ADR 0014: a repeal is a dated event on
    the profile, never an edit of the published revision) wins over the revision's field, and a period
    that ended before `today` reads 失效 even before the nightly job has recorded it."""
    return Case(
        When(
            item__normative__status=NormativeStatus.IN_FORCE,
            item__normative__expires_on__lt=today,
            then=Value(Validity.EXPIRED.value),
        ),
        When(item__normative__isnull=False, then=F("item__normative__status")),
        default=F("validity"),
    )


def public_revisions(agency, *, now=None) -> QuerySet[ItemRevision]:
    """The newest public revision of every public item of `agency`, with `public_at` (发布日期) and
    `effective_validity` (有效性 including the 规范性文件 status)."""
    return _public_revisions(ItemRevision.objects.filter(item__agency=agency), now)


def public_revisions_among(agency_ids, *, now=None) -> QuerySet[ItemRevision]:
    """`public_revisions` over several agencies at once (an agency's 上级文件 column reads its upstream
    agencies' information where it is stored, ADR 0050)."""
    return _public_revisions(ItemRevision.objects.filter(item__agency_id__in=list(agency_ids)), now)


def _public_revisions(qs, now) -> QuerySet[ItemRevision]:
    now = now or timezone.now()
    base = qs.filter(public_q(now))
    newer = ItemRevision.objects.filter(item=OuterRef("item"), number__gt=OuterRef("number")).filter(
        public_q(now)
    )
    scheduled_at = _scheduled_workflows(now).values("publish_at")[:1]
    return (
        base.exclude(Exists(newer))
        .annotate(
            public_at=Coalesce("published_at", Subquery(scheduled_at)),
            effective_validity=effective_validity(timezone.localdate(now)),
        )
        .select_related("item", "node")
    )


def listing_revisions(agency, *, now=None) -> QuerySet[ItemRevision]:
    """`public_revisions(agency)` for an agency's lists (its catalogue page, its facets), read through
    `revision_listing_idx` (agency, source, published_at) so that the first page and the count come from
    the index whatever the agency's size (ADR 0055). When a scheduled revision of the agency is due and
    the worker has not yet published it (at most a minute), the general read answers instead: the same
    rows, in the same order."""
    now = now or timezone.now()
    if _scheduled_due(agency, now):
        return public_revisions(agency, now=now)
    published = Q(
        status=RevisionStatus.PUBLISHED, published_at__lte=now, disclosure_mode=DisclosureMode.PROACTIVE
    )
    newer = ItemRevision.objects.filter(published, item=OuterRef("item"), number__gt=OuterRef("number"))
    # No 有效性 annotation here: its joins (item, 规范性文件) would stay in the count and the facets;
    # `filter_public` adds it for the validity filter and `with_validity` for the rows of one page.
    return (
        ItemRevision.objects.filter(published, agency=agency)
        .exclude(Exists(newer))
        .annotate(public_at=F("published_at"))
        .select_related("item", "node")
    )


def with_validity(rows, *, now=None) -> list[ItemRevision]:
    """The rows of one page with `effective_validity` (one query of their ids when it is missing)."""
    rows = list(rows)
    missing = [r.pk for r in rows if not hasattr(r, "effective_validity")]
    if missing:
        today = timezone.localdate(now or timezone.now())
        found = dict(
            ItemRevision.objects.filter(pk__in=missing)
            .annotate(v=effective_validity(today))
            .values_list("pk", "v")
        )
        for r in rows:
            if r.pk in found:
                r.effective_validity = found[r.pk]
    return rows


def _scheduled_due(agency, now) -> bool:
    from gongkai.publishing.models import Workflow

    return Workflow.objects.filter(
        content_type=ContentType.objects.get_for_model(ItemRevision),
        agency=agency,
        state="scheduled",
        publish_at__lte=now,
    ).exists()


def latest_public_revisions(agency_ids, *, limit: int, now=None) -> list[ItemRevision]:
    """The `limit` newest public revisions of the agencies `agency_ids`, newest first (the city portal's
    latest list): the same rule as `public_revisions`, in two queries whatever the number of agencies —
    the published ones read newest first through the (status, published_at) index, and the few whose
    scheduled publication time has come (issue 18 item 11: no query per agency)."""
    now = now or timezone.now()
    ids = list(agency_ids)
    newer = ItemRevision.objects.filter(item=OuterRef("item"), number__gt=OuterRef("number")).filter(
        public_q(now)
    )
    proactive = ItemRevision.objects.filter(item__agency_id__in=ids, disclosure_mode=DisclosureMode.PROACTIVE)
    published = list(
        proactive.filter(status=RevisionStatus.PUBLISHED, published_at__lte=now)
        .exclude(Exists(newer))
        .annotate(public_at=F("published_at"))
        .select_related("item", "node")
        .order_by("-published_at", "-id")[:limit]
    )
    scheduled_at = _scheduled_workflows(now).values("publish_at")[:1]
    scheduled = list(
        proactive.filter(Exists(_scheduled_workflows(now)))
        .exclude(status=RevisionStatus.PUBLISHED, published_at__lte=now)
        .exclude(Exists(newer))
        .annotate(public_at=Coalesce("published_at", Subquery(scheduled_at)))
        .select_related("item", "node")
        .order_by("-public_at", "-id")[:limit]
    )
    return sorted(published + scheduled, key=lambda r: (r.public_at, r.pk), reverse=True)[:limit]


def public_revisions_across_agencies(q: str, *, limit: int = 50, now=None) -> list[ItemRevision]:
    """The newest public revisions whose title holds `q`, from every active agency (issue 18 item 3:
    “不确定向哪个机关申请？” on the city's request entry). Only public revisions: never a draft."""
    now = now or timezone.now()
    q = (q or "").strip()[:50]
    if not q:
        return []
    newer = ItemRevision.objects.filter(item=OuterRef("item"), number__gt=OuterRef("number")).filter(
        public_q(now)
    )
    return list(
        ItemRevision.objects.filter(item__agency__is_active=True)
        .filter(public_q(now))
        .filter(Q(title__icontains=q) | Q(issuer__icontains=q))
        .exclude(Exists(newer))
        .select_related("item", "item__agency")
        .order_by("item__agency_id", "-published_at")[:limit]
    )


def node_and_descendants(node: CatalogueNode) -> list[int]:
    ids, frontier = [node.pk], [node.pk]
    while frontier:
        frontier = list(CatalogueNode.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids.extend(frontier)
    return ids


def filter_public(
    qs: QuerySet,
    *,
    category: str = "",
    node: CatalogueNode | None = None,
    year: int | None = None,
    issuer: str = "",
    validity: str = "",
    source: str = "",
    q: str = "",
    sort: str = "date",
):
    if category in OpennessCategory.values:
        qs = qs.filter(category=category)
    if node is not None:
        qs = qs.filter(node_id__in=node_and_descendants(node))
    if year:
        qs = qs.filter(public_at__year=year)
    if issuer:
        qs = qs.filter(issuer=issuer)
    if validity in Validity.values:
        if "effective_validity" not in qs.query.annotations:
            qs = qs.annotate(effective_validity=effective_validity(timezone.localdate()))
        qs = qs.filter(effective_validity=validity)
    if source in Source.values:
        qs = qs.filter(source=source)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(document_number__icontains=q) | Q(item__index_number=q))
    return qs.order_by(*SORTS.get(sort, SORTS["date"]))


def public_revision_of(agency, slug: str, *, now=None) -> ItemRevision | None:
    return public_revisions(agency, now=now).filter(item__slug=slug).first()


def public_history(item: InformationItem, *, now=None) -> list[ItemRevision]:
    """Every revision that was public (published or later superseded), newest first: the history of
    corrections stays visible."""
    now = now or timezone.now()
    return list(
        item.revisions.filter(
            disclosure_mode=DisclosureMode.PROACTIVE,
            published_at__lte=now,
            status__in=[RevisionStatus.PUBLISHED, RevisionStatus.SUPERSEDED],
        ).order_by("-number")
    )


def withdrawn_item(agency, slug: str) -> ItemRevision | None:
    """The withdrawn revision of an item that is no longer public (for a 410 page with the reason)."""
    return (
        ItemRevision.objects.filter(item__agency=agency, item__slug=slug, status=RevisionStatus.WITHDRAWN)
        .order_by("-number")
        .first()
    )


def public_years(agency, *, source: str = "") -> list[int]:
    """The years (Asia/Shanghai, as the year filter reads them) in which items of the list were
    published: the filter never offers a year that would answer an empty list."""
    qs = listing_revisions(agency)
    if source in Source.values:
        qs = qs.filter(source=source)
    years = qs.annotate(year=ExtractYear("public_at")).order_by().values_list("year", flat=True).distinct()
    return sorted((y for y in years if y), reverse=True)


def public_issuers(agency, *, source: str = "") -> list[str]:
    qs = listing_revisions(agency)
    if source:
        qs = qs.filter(source=source)
    return sorted(qs.order_by().values_list("issuer", flat=True).distinct())


def catalogue_tree(agency, *, active_only: bool = True) -> list[tuple[CatalogueNode, int]]:
    """Nodes in tree order with their depth, for the 主动公开基本目录 page and the office."""
    qs = CatalogueNode.objects.filter(agency=agency)
    if active_only:
        qs = qs.filter(is_active=True)
    nodes = list(qs.order_by("sort_order", "id"))
    children: dict[int | None, list[CatalogueNode]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    ordered: list[tuple[CatalogueNode, int]] = []

    def walk(parent_id, depth):
        for node in children.get(parent_id, []):
            ordered.append((node, depth))
            walk(node.pk, depth + 1)

    walk(None, 1)
    return ordered


def public_counts_by_node(agency) -> dict[int, int]:
    counts: dict[int, int] = {}
    for node_id in public_revisions(agency).values_list("node_id", flat=True):
        if node_id:
            counts[node_id] = counts.get(node_id, 0) + 1
    return counts


# --- office -------------------------------------------------------------------------------------
def items_for(user) -> QuerySet[InformationItem]:
    return scope_for(user, InformationItem.objects.all()).select_related("current_revision", "department")


def latest_revision(item: InformationItem) -> ItemRevision | None:
    return item.revisions.order_by("-number").first()


def office_revisions(user, *, mine: bool = False, status: str = "", q: str = "") -> QuerySet[ItemRevision]:
    """The newest revision of every item the user may see."""
    newer = ItemRevision.objects.filter(item=OuterRef("item"), number__gt=OuterRef("number"))
    qs = ItemRevision.objects.filter(item__in=items_for(user)).exclude(Exists(newer))
    if mine:
        qs = qs.filter(created_by=user)
    if status in RevisionStatus.values:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(item__index_number__icontains=q))
    return qs.select_related("item", "created_by", "department").order_by("-updated_at", "-id")


def _unpublished_proactive(user) -> QuerySet[ItemRevision]:
    return (
        ItemRevision.objects.filter(
            item__in=items_for(user),
            status=RevisionStatus.DRAFT,
            disclosure_mode=DisclosureMode.PROACTIVE,
            due_on__isnull=False,
        )
        .select_related("item", "department", "created_by")
        .order_by("due_on", "id")
    )


def due_soon(user, *, today: date | None = None) -> QuerySet[ItemRevision]:
    """Unpublished proactive items due within DUE_SOON_WORKING_DAYS working days (Art. 26)."""
    today = today or timezone.localdate()
    horizon = deadlines.add_working_days(today, deadlines.DUE_SOON_WORKING_DAYS)
    return _unpublished_proactive(user).filter(due_on__gte=today, due_on__lte=horizon)


def overdue(user, *, today: date | None = None) -> QuerySet[ItemRevision]:
    today = today or timezone.localdate()
    return _unpublished_proactive(user).filter(due_on__lt=today)


def late_published(user) -> QuerySet[ItemRevision]:
    return ItemRevision.objects.filter(item__in=items_for(user), late_by_days__gt=0).select_related("item")
