"""The public search page (/search/) and the suggestions shown while typing."""

from dataclasses import replace

from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import registry
from ..forms import read_params
from ..interface import MAX_PAGE, search, suggest
from ..query import MAX_QUERY_LENGTH
from . import _common

FACET_LABELS = {"year": "年份", "category": "分类", "issuer": "发文机关", "validity": "有效性"}


@require_GET
def results(request):
    params = read_params(request.GET, agency_id=_common.agency_id(request))
    context = {
        "search_query": params.q,
        "params": params,
        "breadcrumb": [("站内搜索", None)],
        "types": registry.types(),
        # what was typed is kept up to the limit, and the page says it was cut (issue 11 item 23)
        "query_limit": MAX_QUERY_LENGTH
        if len(" ".join(request.GET.get("q", "").split())) > MAX_QUERY_LENGTH
        else None,
    }
    if params.q:
        found = search(params.q, filters=params.filters, page=params.page, sort=params.sort)
        context.update(
            {
                "results": found,
                "groups": [(name, registry.label(name), count) for name, count in found.type_counts.items()],
                # Without a type filter the results are all of them: the total (exact unless
                # `approximate`) rather than the sum of the type counts (estimates above a threshold).
                "all_count": found.total if not params.filters.types else sum(found.type_counts.values()),
                "all_count_estimated": found.approximate
                or (found.approximate_counts and bool(params.filters.types)),
                "facets": [
                    (name, FACET_LABELS[name], values)
                    for name, values in found.facets.items()
                    if values and name in FACET_LABELS
                ],
                "pages": _common.page_numbers(found.page, min(found.pages, MAX_PAGE)),
                "last_page": min(found.pages, MAX_PAGE),
                "truncated": found.pages > MAX_PAGE,
                "rows": [(_common.on_site(hit), registry.label(hit.type)) for hit in found.hits],
                "first_number": (found.page - 1) * found.per_page + 1,
            }
        )
    return render(request, "search/results.html", context)


@require_GET
def suggestions(request):
    """An htmx fragment: titles and 发文字号 beginning with or containing what was typed."""
    prefix = request.GET.get("q", "")
    items = [
        replace(s, url=_common.link(s.url)) for s in suggest(prefix, agency_id=_common.agency_id(request))
    ]
    return render(request, "search/_suggestions.html", {"suggestions": items, "prefix": prefix})
