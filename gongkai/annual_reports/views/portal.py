"""The public 政府信息公开工作年度报告 column: /xxgk/ndbg/ and one report per year. The tables shown are
the snapshot frozen at publication, never a fresh computation."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from gongkai.catalogue.views.portal import content_disposition
from gongkai.core.pagecache import memoised

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
            "reports": memoised(
                f"annual_reports.list:{agency.pk}", lambda: list(selectors.public_reports(agency))
            ),
            "agency": agency,
            "breadcrumb": [XXGK, (COLUMN[0], "")],
        },
    )


class _Withdrawn(Exception):
    def __init__(self, report):
        self.report = report


def _published(request, year: int):
    agency = _agency(request)
    report = selectors.public_report(agency, year)
    if report is None:
        withdrawn = selectors.withdrawn_report(agency, year)
        if withdrawn is not None:
            raise _Withdrawn(withdrawn)
        raise Http404("没有找到该年度的报告。")
    return report


def _gone(request, report):
    """A withdrawn report answers 410 with its public reason, like a withdrawn 政府信息."""
    return render(
        request,
        "annual_reports/portal/withdrawn.html",
        {
            "page_title": "该年度报告已撤回",
            "report": report,
            "withdrawn_on": selectors.withdrawn_on(report),
            "breadcrumb": [XXGK, COLUMN, ("该年度报告已撤回", "")],
        },
        status=410,
    )


def docx_response(data: dict) -> HttpResponse:
    """The report as a DOCX attachment under its Chinese title (RFC 5987 via content_disposition)."""
    response = HttpResponse(docx_export.build_docx(data), content_type=docx_export.DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(data["filename"])
    response["X-Content-Type-Options"] = "nosniff"
    return response


def detail(request, year: int):
    def data():
        try:
            report = _published(request, year)
        except _Withdrawn as gone:
            return gone.report, None
        return report, {
            "page_title": report.title,
            "report": report,
            "intro": docx_export.intro_text(report.year),
            "due": deadlines.due_date(report.year),
            "t": tables.display(report.snapshot),
            "year": report.year,
            "breadcrumb": [XXGK, COLUMN, (f"{report.year}年", "")],
        }

    # The frozen report is the same for every reader until a committed write (ADR 0043).
    report, context = memoised(f"annual_reports.detail:{_agency(request).pk}:{year}", data)
    if context is None:
        return _gone(request, report)
    return render(request, "annual_reports/portal/detail.html", context)


def docx(request, year: int):
    """The published report as Word, built from the frozen snapshot only."""
    try:
        report = _published(request, year)
    except _Withdrawn as gone:
        return _gone(request, gone.report)
    return docx_response(docx_export.report_data(report, report.snapshot, draft=False))
