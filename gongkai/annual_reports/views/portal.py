"""The public 政府信息公开工作年度报告 column: /xxgk/ndbg/ and one report per year. The tables shown are
the snapshot frozen at publication, never a fresh computation."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from gongkai.catalogue.views.portal import content_disposition

from .. import deadlines, docx_export, selectors, tables

XXGK = ("政府信息公开", "/xxgk/")
COLUMN = ("政府信息公开年度报告", "/xxgk/ndbg/")


def _agency(request):
    agency = getattr(request, "agency", None)
    if not agency:
        raise Http404("没有可显示的机关。")
    return agency


def reports(request):
    agency = _agency(request)
    return render(
        request,
        "annual_reports/portal/list.html",
        {
            "page_title": COLUMN[0],
            "reports": list(selectors.public_reports(agency)),
            "agency": agency,
            "breadcrumb": [XXGK, (COLUMN[0], "")],
        },
    )


def _published(request, year: int):
    report = selectors.public_report(_agency(request), year)
    if report is None:
        raise Http404("没有找到该年度的报告。")
    return report


def docx_response(data: dict) -> HttpResponse:
    """The report as a DOCX attachment under its Chinese title (RFC 5987 via content_disposition)."""
    response = HttpResponse(docx_export.build_docx(data), content_type=docx_export.DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(data["filename"])
    response["X-Content-Type-Options"] = "nosniff"
    return response


def detail(request, year: int):
    report = _published(request, year)
    return render(
        request,
        "annual_reports/portal/detail.html",
        {
            "page_title": report.title,
            "report": report,
            "intro": docx_export.intro_text(report.year),
            "due": deadlines.due_date(report.year),
            "t": tables.display(report.snapshot),
            "year": report.year,
            "breadcrumb": [XXGK, COLUMN, (f"{report.year}年", "")],
        },
    )


def docx(request, year: int):
    """The published report as Word, built from the frozen snapshot only."""
    report = _published(request, year)
    return docx_response(docx_export.report_data(report, report.snapshot, draft=False))
