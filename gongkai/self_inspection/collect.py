"""What a campaign reviews: every piece of information withheld in the year and the information requested
often (seed 四(一); 条例 Arts. 18 and 44). Reads only; `services.collect_entries` stores the result."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils import timezone

from gongkai.catalogue.models import DisclosureMode, ItemRevision, RevisionStatus
from gongkai.confidentiality.models import ScanFinding
from gongkai.foi_requests.models import FoiRequest
from gongkai.foi_requests.outcomes import Outcome, info
from gongkai.foi_requests.selectors import cluster_requests
from gongkai.foi_requests.states import Status as FoiStatus
from gongkai.publishing.models import Workflow
from gongkai.publishing.registry import NotRegistered, adapter_for

from .rules import Kind

# Answers that withhold information (table 三 rows 3.1-3.8) and partial disclosure (row 2).
WITHHOLDING_OUTCOMES = tuple(o for o in Outcome if info(o).row.startswith("3.")) + (Outcome.PARTIAL,)
CATALOGUE_KINDS = {
    DisclosureMode.WITHHELD: Kind.CATALOGUE_WITHHELD,
    DisclosureMode.ON_REQUEST: Kind.CATALOGUE_ON_REQUEST,
}


@dataclass
class Candidate:
    kind: str
    source: Model
    title: str
    reference: str = ""
    detail: str = ""
    occurred_on: date | None = None
    department_name: str = ""


def _bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def catalogue_candidates(agency, year: int) -> list[Candidate]:
    """Items registered as 不予公开 or 依申请公开 and still so at the end of the year: 条例 Art. 18 asks for a
    periodic review of every withheld item, not only of those registered this year."""
    _first, last = _bounds(year)
    revisions = (
        ItemRevision.objects.filter(
            item__agency=agency,
            status=RevisionStatus.DRAFT,
            disclosure_mode__in=list(CATALOGUE_KINDS),
            created_at__date__lte=last,
        )
        .select_related("item", "department")
        .order_by("created_at", "id")
    )
    return [
        Candidate(
            kind=CATALOGUE_KINDS[r.disclosure_mode],
            source=r,
            title=r.title,
            reference=r.item.index_number or "",
            detail=r.withheld_reason or r.get_disclosure_mode_display(),
            occurred_on=timezone.localdate(r.created_at),
            department_name=str(r.department or r.item.department or ""),
        )
        for r in revisions
    ]


def foi_candidates(agency, year: int) -> list[Candidate]:
    """Requests answered in the year with a refusal (table 三 row 3) or a partial disclosure."""
    first, last = _bounds(year)
    requests = (
        FoiRequest.objects.filter(
            agency=agency,
            status=FoiStatus.CLOSED,
            outcome__in=[o.value for o in WITHHOLDING_OUTCOMES],
            closed_on__gte=first,
            closed_on__lte=last,
        )
        .select_related("department")
        .order_by("closed_on", "id")
    )
    return [
        Candidate(
            kind=Kind.FOI_WITHHELD,
            source=r,
            title=r.description[:300],
            reference=r.tracking_number,
            detail=f"{info(r.outcome).label}（{info(r.outcome).basis}）",
            occurred_on=r.closed_on,
            department_name=str(r.department or ""),
        )
        for r in requests
    ]


def frequent_candidates(agency, year: int) -> list[Candidate]:
    """Information several applicants asked for in the year (条例 Art. 44), one entry per group of
    near-duplicate requests (the FOI app's grouping); the source is the group's first request."""
    first, last = _bounds(year)
    requests = FoiRequest.objects.filter(
        agency=agency, submitted_at__date__gte=first, submitted_at__date__lte=last
    )
    candidates = []
    for cluster in cluster_requests(requests):
        members = sorted(cluster.requests, key=lambda r: (r.submitted_at, r.pk))
        numbers = "、".join(r.tracking_number for r in members)
        candidates.append(
            Candidate(
                kind=Kind.FREQUENT_REQUEST,
                source=members[0],
                title=cluster.description[:300],
                reference=members[0].tracking_number,
                detail=f"{cluster.applicant_count} 位申请人、{len(members)} 件申请：{numbers}",
                occurred_on=timezone.localdate(members[-1].submitted_at),
            )
        )
    return candidates


def negative_candidates(agency, year: int, *, skip: set[tuple[int, str]] = frozenset()) -> list[Candidate]:
    """Content whose confidentiality scan in the year hit a negative-list term and that was never
    published: what the negative list kept back. `skip` holds (content type id, id) already listed."""
    first, last = _bounds(year)
    findings = (
        ScanFinding.objects.filter(
            kind="negative_term",
            report__agency=agency,
            report__created_at__date__gte=first,
            report__created_at__date__lte=last,
        )
        .select_related("report", "report__subject_type")
        .order_by("report__created_at", "position")
    )
    by_subject: dict[tuple[int, str], list[ScanFinding]] = defaultdict(list)
    for finding in findings:
        by_subject[(finding.report.subject_type_id, finding.report.subject_id)].append(finding)
    candidates = []
    for (type_id, object_id), hits in by_subject.items():
        if (type_id, object_id) in skip:
            continue
        model = ContentType.objects.get_for_id(type_id).model_class()
        obj = model._default_manager.filter(pk=object_id).first() if model else None
        if obj is None:
            continue
        ever_published = Workflow.objects.filter(
            content_type_id=type_id, object_id=obj.pk, published_at__isnull=False
        ).exists()
        if ever_published:
            continue
        try:
            title = adapter_for(obj).title(obj)
        except NotRegistered:
            title = str(obj)
        terms = "、".join(dict.fromkeys(f.excerpt for f in hits if f.excerpt))
        item = getattr(obj, "item", None)
        candidates.append(
            Candidate(
                kind=Kind.NEGATIVE_MATCH,
                source=obj,
                title=title[:300],
                reference=getattr(item, "index_number", "") or "",
                detail=f"命中负面清单词语：{terms}" if terms else "命中负面清单词语",
                occurred_on=timezone.localdate(hits[0].report.created_at),
                department_name=str(getattr(obj, "department", "") or ""),
            )
        )
    return candidates


def candidates_for(agency, year: int) -> list[Candidate]:
    """Everything the campaign of `year` reviews, each piece of information once per reason."""
    catalogue = catalogue_candidates(agency, year)
    revision_type = ContentType.objects.get_for_model(ItemRevision).pk
    listed = {(revision_type, str(c.source.pk)) for c in catalogue}
    return (
        catalogue
        + foi_candidates(agency, year)
        + frequent_candidates(agency, year)
        + negative_candidates(agency, year, skip=listed)
    )
