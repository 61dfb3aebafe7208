"""The public 行政执法公示 pages: 事前 information, certificate lookup (事中), decisions (事后),
双随机 draws and results, and the 统计严重失信企业 list (filtered at read time)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from .. import masking, selectors
from ..models import DecisionKind, DiscretionBenchmark, EnforcementBody, InspectionItem, Officer

BSFW = ("办事服务", "/bsfw/")
ZFGS = ("执法公示", "/bsfw/zfgs/")


def _agency(request):
    agency = getattr(request, "agency", None)
    if not agency:
        raise Http404("没有可显示的机关。")
    return agency


def home(request):
    agency = _agency(request)
    kind = request.GET.get("kind", "")
    kind = kind if kind in DecisionKind.values else ""
    qs = selectors.public_decisions(agency)
    if kind:
        qs = qs.filter(kind=kind)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    for d in page.object_list:
        d.public = masking.public_texts(d)
    return render(
        request,
        "enforcement/portal/home.html",
        {
            "bodies": EnforcementBody.objects.filter(agency=agency),
            "benchmarks": DiscretionBenchmark.objects.filter(agency=agency),
            "items": InspectionItem.objects.filter(agency=agency),
            "officer_count": Officer.objects.filter(agency=agency, active=True).count(),
            "page": page,
            "kinds": DecisionKind.choices,
            "kind": kind,
            "withdrawn": selectors.withdrawn_decisions(agency)[:20],
            "breadcrumb": [BSFW, ("执法公示", "")],
        },
    )


def decision(request, pk: int):
    agency = _agency(request)
    d = (selectors.public_decisions(agency) | selectors.withdrawn_decisions(agency)).filter(pk=pk).first()
    if d is None:
        raise Http404("没有找到该执法决定。")
    return render(
        request,
        "enforcement/portal/decision.html",
        {
            "d": d,
            "public": masking.public_texts(d),
            "breadcrumb": [BSFW, ZFGS, (d.get_kind_display() + "决定", "")],
        },
    )


def certificate(request):
    agency = _agency(request)
    number = request.GET.get("number", "").strip()[:40]
    officer = selectors.officer_by_certificate(agency, number) if number else None
    from gongkai.workdays.selectors import legal_today

    return render(
        request,
        "enforcement/portal/certificate.html",
        {
            "number": number,
            "officer": officer,
            "today": legal_today(),
            "breadcrumb": [BSFW, ZFGS, ("执法证件查询", "")],
        },
    )


def inspections(request):
    agency = _agency(request)
    page = Paginator(selectors.public_inspections(agency), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "enforcement/portal/inspections.html",
        {
            "page": page,
            "items": InspectionItem.objects.filter(agency=agency),
            "breadcrumb": [BSFW, ("双随机一公开", "")],
        },
    )


def inspection(request, pk: int):
    agency = _agency(request)
    i = selectors.public_inspections(agency).filter(pk=pk).first()
    if i is None:
        raise Http404("没有找到该抽查任务。")
    return render(
        request,
        "enforcement/portal/inspection.html",
        {"i": i, "breadcrumb": [BSFW, ("双随机一公开", "/bsfw/sjgk/"), (i.title, "")]},
    )


def dishonest(request):
    agency = _agency(request)
    page = Paginator(selectors.public_listings(agency), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "enforcement/portal/dishonest.html",
        {"page": page, "breadcrumb": [BSFW, ("统计失信企业", "")]},
    )
