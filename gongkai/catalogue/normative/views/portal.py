"""The public 规范性文件 list (with the 现行有效 filter) and the published cleanup results."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from gongkai.core.pagecache import evaluated_page, memoised

from ...models import NormativeStatus
from ...views.portal import PAGE_SIZE, _agency, _int
from .. import selectors as normative_selectors

NORMATIVE = ("规范性文件", "/xxgk/normative/")


def documents(request):
    agency = _agency(request)
    params = request.GET
    status = params.get("status", "")
    year = _int(params.get("year"))
    q = params.get("q", "").strip()[:100]
    sort = params.get("sort", "date")
    number = params.get("page")

    def listing():
        qs = normative_selectors.public_normative(agency, status=status, q=q, year=year, sort=sort)
        return evaluated_page(qs, number, PAGE_SIZE)

    def facets():
        return {
            "years": list(normative_selectors.public_normative_years(agency)),
            "campaigns": list(normative_selectors.published_campaigns(agency)[:5]),
        }

    # Without a typed query the list is the same for every reader until a committed write (ADR 0043).
    key = f"catalogue.normative:{agency.pk}:{status}:{year}:{sort}:{number}"
    page = listing() if q else memoised(key, listing)
    return render(
        request,
        "catalogue/portal/normative.html",
        {
            "page_title": "规范性文件",
            "breadcrumb": [("规范性文件", "")],
            "page": page,
            "count": page.paginator.count,
            "statuses": NormativeStatus.choices,
            **memoised(f"catalogue.normative_facets:{agency.pk}", facets),
            "selected": {"status": status, "year": year, "q": q, "sort": params.get("sort", "date")},
            "list_url": reverse("catalogue:normative"),
        },
    )


def cleanup_results(request):
    agency = _agency(request)
    number = request.GET.get("page")
    page = memoised(
        f"catalogue.cleanups:{agency.pk}:{number}",
        lambda: evaluated_page(normative_selectors.published_campaigns(agency), number, PAGE_SIZE),
    )
    return render(
        request,
        "catalogue/portal/cleanup_results.html",
        {"page_title": "规范性文件清理结果", "breadcrumb": [NORMATIVE, ("清理结果", "")], "page": page},
    )


def cleanup_result(request, pk: int):
    agency = _agency(request)

    def data():
        campaign = normative_selectors.published_campaigns(agency).filter(pk=pk).first()
        return (campaign, list(normative_selectors.campaign_decisions(campaign))) if campaign else (None, [])

    # The same for every reader until a committed write ends the page-cache generation (ADR 0043).
    campaign, decisions = memoised(f"catalogue.cleanup:{agency.pk}:{pk}", data)
    if campaign is None:
        raise Http404("没有找到该清理结果。")
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
