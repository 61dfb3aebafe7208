"""DCAT-AP catalogue metadata: /catalog.ttl, /catalog.jsonld, /catalog.rdf (for harvesters)."""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse
from django.urls import get_script_prefix
from django.views.decorators.http import require_GET

from gongkai.core.errors import DomainError, problem
from gongkai.core.pagecache import memoised
from gongkai.opendata import access

from .. import dcat


def _serve(request, fmt: str, content_type: str) -> HttpResponse:
    try:
        access.check_rate(request)
        agency = access.agency_of(request)
    except DomainError as exc:
        response = JsonResponse(
            problem(exc),
            status=exc.http_status,
            content_type="application/problem+json",
            json_dumps_params={"ensure_ascii": False},
        )
        if isinstance(exc, access.RateLimited):
            response["Retry-After"] = str(exc.retry_after)
        return response
    # The graph is the same for every harvester of a site until a committed write or a release minute
    # ends the page cache's generation (ADR 0043); it is serialised per request.
    key = f"dcat.graph:{agency.pk}:{request.scheme}:{request.get_host()}:{get_script_prefix()}"
    graph = memoised(key, lambda: dcat.build(request, agency))
    kwargs = {"context": dcat.CONTEXT, "auto_compact": True} if fmt == "json-ld" else {}
    body = graph.serialize(format=fmt, encoding="utf-8", **kwargs)
    response = HttpResponse(body, content_type=content_type)
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def catalog_turtle(request):
    return _serve(request, "turtle", "text/turtle; charset=utf-8")


@require_GET
def catalog_jsonld(request):
    return _serve(request, "json-ld", "application/ld+json; charset=utf-8")


@require_GET
def catalog_rdfxml(request):
    return _serve(request, "xml", "application/rdf+xml; charset=utf-8")
