"""Consultations (征求意见) and their adoption reports (意见采纳情况) in the site search.

Both go public through the publication workflow, so the workflow's committed transitions re-sync them
(publishing hooks: approval, scheduled publication at its minute by `publishing.publish_due`, withdrawal).
`document_for` asks the same read-time filters as the public pages (`selectors.public_consultations`,
`selectors.published_report`), so a consultation that is not (yet, or any more) public is removed, never
indexed. Open, closed and announced consultations are all searchable: the page shows each one's phase,
read at request time, so the index stores no phase that could go stale.
"""

from django.urls import reverse

from gongkai.core.models import Agency
from gongkai.publishing import hooks
from gongkai.publishing.states import State
from gongkai.search import registry, services
from gongkai.search.documents import SearchDocument

from . import selectors
from .models import AdoptionReport, Consultation

CONSULTATION_TYPE = "consultation"
REPORT_TYPE = "consultation_report"
SYNC_STATES = frozenset({State.SCHEDULED, State.PUBLISHED, State.WITHDRAWN, State.SUPERSEDED})


def _consultation_document(c: Consultation) -> SearchDocument:
    articles = "\n".join(f"{a.label} {a.text}" for a in c.articles.order_by("position") if a.text)
    return SearchDocument(
        type=CONSULTATION_TYPE,
        id=str(c.pk),
        agency_id=c.agency_id,
        title=f"关于公开征求《{c.title}》意见的公告",
        url=reverse("consultations:detail", args=[c.pk]),
        issuer=c.agency.name,
        summary=c.summary,
        body="\n\n".join(t for t in (c.basis, c.explanation, articles) if t),
        attachment_text="\n".join(a.original_name for a in c.attachments.all()),
        category="征求意见",
        year=c.opens_at.year,
        published_at=c.opens_at,
    )


def _report_document(report: AdoptionReport) -> SearchDocument:
    c = report.consultation
    reasons = "\n".join(
        f"{g.get('article', '')}：{g.get('reason', '')}"
        for g in report.snapshot.get("groups", [])
        if g.get("reason")
    )
    published = report.published_at or report.generated_at
    return SearchDocument(
        type=REPORT_TYPE,
        id=str(report.pk),
        agency_id=c.agency_id,
        title=report.title,
        url=reverse("consultations:report", args=[c.pk]),
        issuer=c.agency.name,
        summary=report.introduction[:200],
        body="\n\n".join(t for t in (report.introduction, reasons) if t),
        category="意见采纳情况",
        year=published.year if published else None,
        published_at=published,
    )


def consultation_document_for(obj) -> SearchDocument | None:
    pk = getattr(obj, "pk", obj)
    row = Consultation.objects.filter(pk=pk).select_related("agency").first()
    if row is None or not selectors.public_consultations(row.agency).filter(pk=pk).exists():
        return None
    return _consultation_document(row)


def report_document_for(obj) -> SearchDocument | None:
    pk = getattr(obj, "pk", obj)
    report = AdoptionReport.objects.filter(pk=pk).select_related("consultation__agency").first()
    if report is None:
        return None
    consultation = report.consultation
    if not selectors.public_consultations(consultation.agency).filter(pk=consultation.pk).exists():
        return None
    return _report_document(report) if selectors.published_report(consultation) else None


def iter_public_consultations():
    for agency in Agency.objects.all():
        for c in (
            selectors.public_consultations(agency)
            .select_related("agency")
            .prefetch_related("articles", "attachments")
        ):
            yield _consultation_document(c)


def iter_public_reports():
    for agency in Agency.objects.all():
        for c in selectors.public_consultations(agency).select_related("agency"):
            report = selectors.published_report(c)
            if report is not None:
                yield _report_document(report)


def sync_consultation(consultation: Consultation) -> None:
    """Index or remove the consultation (and its report) after the current transaction commits."""
    services.sync_object(CONSULTATION_TYPE, consultation)
    report = AdoptionReport.objects.filter(consultation=consultation).first()
    if report is not None:
        services.sync_object(REPORT_TYPE, report)


def sync_report(report: AdoptionReport) -> None:
    services.sync_object(REPORT_TYPE, report)


def _on_workflow(workflow) -> None:
    if workflow.state not in SYNC_STATES:
        return
    model = workflow.content_type.model_class()
    if model is Consultation:
        row = Consultation.objects.filter(pk=workflow.object_id).first()
        if row is not None:
            sync_consultation(row)
    elif model is AdoptionReport:
        report = AdoptionReport.objects.filter(pk=workflow.object_id).first()
        if report is not None:
            sync_report(report)


def register_search() -> None:
    registry.register(
        registry.SearchType(
            name=CONSULTATION_TYPE,
            label="征求意见",
            iter_public_documents=iter_public_consultations,
            document_for=consultation_document_for,
            order=40,
        )
    )
    registry.register(
        registry.SearchType(
            name=REPORT_TYPE,
            label="意见采纳情况",
            iter_public_documents=iter_public_reports,
            document_for=report_document_for,
            order=41,
        )
    )
    hooks.on_transition_committed(_on_workflow)
