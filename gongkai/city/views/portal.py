"""The city portal (市政府门户·政府信息公开, issue 18 item 2): the agency directory, the city-wide
latest lists and the one city-wide search with an agency facet. Served at the platform's root only, and
only when the platform carries more than one agency (a single-agency deployment shows no tenancy)."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from gongkai.core import sites
from gongkai.search import registry
from gongkai.search.forms import read_params
from gongkai.search.interface import MAX_PAGE, search
from gongkai.search.views import _common

from .. import selectors


def _city_only(request):
    if not sites.is_multi_agency():
        raise Http404("本平台只有一个机关。")
    agency = sites.site_agency(request)
    on_agency_host = bool(agency and agency.site_host and sites.request_host(request) == agency.site_host)
    if getattr(request, "site_prefix", "") or on_agency_host:
        query = f"?{request.GET.urlencode()}" if request.GET else ""
        return redirect(sites.agency_path(None, request.path_info) + query)
    return None


@require_GET
def home(request):
    if (moved := _city_only(request)) is not None:
        return moved
    return render(
        request,
        "city/portal/home.html",
        {
            "directory": selectors.directory(),
            "latest_items": selectors.latest_items(),
            "latest_interpretations": selectors.latest_interpretations(),
            "latest_consultations": selectors.latest_consultations(),
            "latest_releases": selectors.latest_releases(),
            "breadcrumb": [("市政府信息公开", None)],
            "city_nav": "home",
        },
    )


@require_GET
def directory(request):
    if (moved := _city_only(request)) is not None:
        return moved
    return render(
        request,
        "city/portal/directory.html",
        {
            "directory": selectors.directory(),
            "breadcrumb": [("市政府信息公开", "/city/"), ("机关目录", None)],
            "city_nav": "directory",
        },
    )


@require_GET
def city_search(request):
    """全市搜索: every agency's results ranked together; `agency=<code>` narrows to one agency."""
    if (moved := _city_only(request)) is not None:
        return moved
    chosen = sites.agency_by_code(request.GET.get("agency", ""))
    params = read_params(request.GET, agency_id=chosen.pk if chosen else None)
    context = {
        "search_query": params.q,
        "params": params,
        "chosen": chosen,
        "breadcrumb": [("市政府信息公开", "/city/"), ("全市搜索", None)],
        "city_nav": "search",
    }
    if params.q:
        found = search(params.q, filters=params.filters, page=params.page, sort=params.sort)
        names = {a.pk: a for a in sites.site_agencies()}
        facet = []
        for value, count in found.facets.get("agency", []):
            agency = names.get(int(value)) if str(value).isdigit() else None
            if agency is not None:
                facet.append((agency, count))
        if chosen is not None:
            facet = [(chosen, found.total)]
        context.update(
            {
                "results": found,
                "agency_facet": facet,
                "rows": [
                    (_common.on_site(hit), registry.label(hit.type), names.get(hit.agency_id))
                    for hit in found.hits
                ],
                "pages": _common.page_numbers(found.page, min(found.pages, MAX_PAGE)),
                "last_page": min(found.pages, MAX_PAGE),
            }
        )
    return render(request, "city/portal/search.html", context)
