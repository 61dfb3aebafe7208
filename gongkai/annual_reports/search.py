"""Published annual reports in the site search (synced after publication and withdrawal)."""

from django.urls import reverse

from gongkai.core.models import Agency
from gongkai.search import registry, services
from gongkai.search.documents import SearchDocument

from . import selectors
from .models import AnnualReport

TYPE_NAME = "annual_report"


def _document(report: AnnualReport) -> SearchDocument:
    return SearchDocument(
        type=TYPE_NAME,
        id=str(report.pk),
        agency_id=report.agency_id,
        title=report.title,
        url=reverse("annual_reports:detail", args=[report.year]),
        issuer=report.agency.name,
        summary=report.overview[:300],
        body="\n\n".join(
            t for t in (report.overview, report.proactive_note, report.problems, report.other_matters) if t
        ),
        category="政府信息公开工作年度报告",
        year=report.year,
        published_at=report.published_at,
    )


def document_for(obj) -> SearchDocument | None:
    pk = getattr(obj, "pk", obj)
    row = AnnualReport.objects.filter(pk=pk).select_related("agency").first()
    if row is None or not selectors.public_reports(row.agency).filter(pk=pk).exists():
        return None
    return _document(row)


def iter_public_documents():
    for agency in Agency.objects.all():
        for report in selectors.public_reports(agency).select_related("agency"):
            yield _document(report)


def sync_report(report: AnnualReport) -> None:
    services.sync_object(TYPE_NAME, report)


def register_search() -> None:
    registry.register(
        registry.SearchType(
            name=TYPE_NAME,
            label="年度报告",
            iter_public_documents=iter_public_documents,
            document_for=document_for,
            order=20,
        )
    )
