"""The public 规范性文件 list (with the 现行有效 filter) and the published cleanup results."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from .. import normative_selectors
from ..models import NormativeStatus
from .portal import PAGE_SIZE, _agency, _int

NORMATIVE = ("规范性文件", "/xxgk/normative/")


def documents(request):
    agency = _agency(request)
    params = request.GET
    status = params.get("status", "")
    year = _int(params.get("year"))
    q = params.get("q", "").strip()[:100]
    qs = normative_selectors.public_normative(
        agency, status=status, q=q, year=year, sort=params.get("sort", "date")
    )
    page = Paginator(qs, PAGE_SIZE).get_page(params.get("page"))
    return render(
        request,
        "catalogue/portal/normative.html",
        {
            "page_title": "规范性文件",
            "breadcrumb": [("规范性文件", "")],
            "page": page,
            "count": page.paginator.count,
            "statuses": NormativeStatus.choices,
            "years": normative_selectors.public_normative_years(agency),
            "selected": {"status": status, "year": year, "q": q, "sort": params.get("sort", "date")},
            "list_url": reverse("catalogue:normative"),
            "campaigns": normative_selectors.published_campaigns(agency)[:5],
        },
    )


def cleanup_results(request):
    agency = _agency(request)
    page = Paginator(normative_selectors.published_campaigns(agency), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "catalogue/portal/cleanup_results.html",
        {"page_title": "规范性文件清理结果", "breadcrumb": [NORMATIVE, ("清理结果", "")], "page": page},
    )


def cleanup_result(request, pk: int):
    agency = _agency(request)
    campaign = normative_selectors.published_campaigns(agency).filter(pk=pk).first()
    if campaign is None:
        raise Http404("没有找到该清理结果。")
    decisions = list(normative_selectors.campaign_decisions(campaign))
    counts = {}
    for decision in decisions:
        counts[decision.get_outcome_display()] = counts.get(decision.get_outcome_display(), 0) + 1
    return render(
        request,
        "catalogue/portal/cleanup_result.html",
        {
            "page_title": campaign.name,
            "campaign": campaign,
            "decisions": decisions,
            "counts": counts,
            "breadcrumb": [
                NORMATIVE,
                ("清理结果", reverse("catalogue:cleanup_results")),
                (campaign.name, ""),
            ],
        },
    )
