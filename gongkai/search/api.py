"""GET /api/v1/search — the same search, grouping and filters as the public page, as JSON."""

from ninja import Router

from gongkai.core.errors import ValidationFailed

from . import registry
from .forms import read_params
from .interface import MAX_PAGE, search
from .query import MAX_QUERY_LENGTH
from .views._common import link

router = Router(tags=["search"])


def _agency_id(request):
    from .views._common import agency_id

    return agency_id(request)


@router.get("", summary="站内搜索（按类型分组计数，可按类型、分类、年份、发文机关、有效性筛选）")
def search_endpoint(request):
    """Query parameters: q (required), type (repeatable), category, year, issuer, validity,
    sort = relevance | date, page (1-based, 20 per page, at most 100 pages)."""
    params = read_params(request.GET, agency_id=_agency_id(request), strict=True)
    raw_q = request.GET.get("q", "")
    if not params.q:
        raise ValidationFailed("请提供搜索词 q。", field="q")
    if len(" ".join(raw_q.split())) > MAX_QUERY_LENGTH:
        raise ValidationFailed(f"搜索词不能超过 {MAX_QUERY_LENGTH} 个字。", field="q")
    for field, message in params.errors.items():
        raise ValidationFailed(message, field=field)
    if params.page > MAX_PAGE:
        raise ValidationFailed(f"最多可翻到第 {MAX_PAGE} 页。", field="page")
    found = search(params.q, filters=params.filters, page=params.page, sort=params.sort)
    return {
        "query": params.q,
        "total": found.total,
        "page": found.page,
        "per_page": found.per_page,
        "pages": min(found.pages, MAX_PAGE),
        "partial": found.partial,
        "approximate": found.approximate,
        "approximate_counts": found.approximate_counts,
        "suggestion": found.suggestion,
        "ignored_words": list(found.dropped),
        "groups": [
            {"type": name, "label": registry.label(name), "count": count}
            for name, count in found.type_counts.items()
        ],
        "facets": {
            name: [{"value": v, "count": c} for v, c in values] for name, values in found.facets.items()
        },
        "results": [
            {
                "type": h.type,
                "type_label": registry.label(h.type),
                "id": h.id,
                "title": h.title,
                "url": request.build_absolute_uri(link(h.url, h.agency_id)),
                "document_number": h.document_number,
                "index_number": h.index_number,
                "issuer": h.issuer,
                "category": h.category,
                "year": h.year,
                "validity": h.validity,
                "published_at": h.published_at.isoformat() if h.published_at else None,
                "snippet_html": str(h.snippet),
                "exact_match": h.exact,
                "score": round(h.score, 4),
                "similar": h.similar,
            }
            for h in found.hits
        ],
    }
