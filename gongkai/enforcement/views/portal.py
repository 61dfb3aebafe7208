"""The public 行政执法公示 pages: 事前 information, certificate lookup (事中), decisions (事后),
双随机 draws and results, and the 统计严重失信企业 list (filtered at read time)."""

from django.http import Http404
from django.shortcuts import render

from gongkai.core.pagecache import evaluated_page, memoised

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
    number = request.GET.get("page")

    def data():
        qs = selectors.public_decisions(agency)
        if kind:
            qs = qs.filter(kind=kind)
        page = evaluated_page(qs, number, 20)
        for d in page.object_list:
            d.public = masking.public_texts(d)
        return {
            "bodies": list(EnforcementBody.objects.filter(agency=agency)),
            "benchmarks": list(DiscretionBenchmark.objects.filter(agency=agency)),
            "items": list(InspectionItem.objects.filter(agency=agency)),
            "officer_count": Officer.objects.filter(agency=agency, active=True).count(),
            "page": page,
            "withdrawn": list(selectors.withdrawn_decisions(agency)[:20]),
        }

    # The same for every reader until a committed write ends the page-cache generation (ADR 0043).
    return render(
        request,
        "enforcement/portal/home.html",
        {
            **memoised(f"enforcement.home:{agency.pk}:{kind}:{number}", data),
            "kinds": DecisionKind.choices,
            "kind": kind,
            "breadcrumb": [BSFW, ("执法公示", "")],
        },
    )


def decision(request, pk: int):
    agency = _agency(request)

    def data():
        d = (selectors.public_decisions(agency) | selectors.withdrawn_decisions(agency)).filter(pk=pk).first()
        return (d, masking.public_texts(d)) if d is not None else (None, None)

    # The same for every reader until a committed write ends the page-cache generation (ADR 0043).
    d, public = memoised(f"enforcement.decision:{agency.pk}:{pk}", data)
    if d is None:
        raise Http404("没有找到该执法决定。")
    return render(
        request,
        "enforcement/portal/decision.html",
        {
            "d": d,
            "public": public,
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
    number = request.GET.get("page")

    def data():
        return {
            "page": evaluated_page(selectors.public_inspections(agency), number, 20),
            "items": list(InspectionItem.objects.filter(agency=agency)),
        }

    # The same for every reader until a committed write ends the page-cache generation (ADR 0043).
    return render(
        request,
        "enforcement/portal/inspections.html",
        {
            **memoised(f"enforcement.inspections:{agency.pk}:{number}", data),
            "breadcrumb": [BSFW, ("双随机一公开", "")],
        },
    )


def inspection(request, pk: int):
    agency = _agency(request)
    i = memoised(
        f"enforcement.inspection:{agency.pk}:{pk}",
        lambda: selectors.public_inspections(agency).filter(pk=pk).first(),
    )
    if i is None:
        raise Http404("没有找到该抽查任务。")
    return render(
        request,
        "enforcement/portal/inspection.html",
        {"i": i, "breadcrumb": [BSFW, ("双随机一公开", "/bsfw/sjgk/"), (i.title, "")]},
    )


def dishonest(request):
    agency = _agency(request)
    number = request.GET.get("page")
    # Listings end by date: kept no longer than a stored page (the memo's bound, ADR 0043/0056).
    page = memoised(
        f"enforcement.dishonest:{agency.pk}:{number}",
        lambda: evaluated_page(selectors.public_listings(agency), number, 20),
    )
    return render(
        request,
        "enforcement/portal/dishonest.html",
        {"page": page, "breadcrumb": [BSFW, ("统计失信企业", "")]},
    )
