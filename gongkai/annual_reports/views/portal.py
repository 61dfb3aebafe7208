"""The public 政府信息公开工作年度报告 column: /xxgk/ndbg/ and one report per year. The tables shown are
the snapshot frozen at publication, never a fresh computation."""

from django.http import Http404
from django.shortcuts import render

from .. import deadlines, selectors, tables

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


def detail(request, year: int):
    agency = _agency(request)
    report = selectors.public_report(agency, year)
    if report is None:
        raise Http404("没有找到该年度的报告。")
    return render(
        request,
        "annual_reports/portal/detail.html",
        {
            "page_title": report.title,
            "report": report,
            "due": deadlines.due_date(report.year),
            "t": tables.display(report.snapshot),
            "year": report.year,
            "breadcrumb": [XXGK, COLUMN, (f"{report.year}年", "")],
        },
    )
