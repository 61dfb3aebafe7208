import io
from functools import lru_cache
from urllib.parse import urlsplit

import segno
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import render
from django.urls import get_script_prefix
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from gongkai.core import dbrouting
from gongkai.core.pagecache import memoised

from ..context_processors import ELDER_COOKIE
from ..home import HOT_WORDS, blocks_by_slot, data_links, home_blocks, quick_links
from ..sections import SECTIONS, resolved_columns, section_by_slug

SEARCH_QUERY_MAX = 100


def home(request):
    # The blocks are the same for every visitor until a committed write (page cache memo, ADR 0043).
    agency = request.agency
    # The links in the blocks carry the site's prefix (/bm/<code>/ or a host of its own).
    key = f"home_blocks:{getattr(agency, 'pk', None)}:{get_script_prefix()}"
    blocks = memoised(key, lambda: home_blocks(agency))
    return render(
        request,
        "portal/home.html",
        {
            "breadcrumb": [],
            "blocks": blocks,
            "slots": blocks_by_slot(blocks),
            "any_items": any(b.items for b in blocks),
            "quick_links": quick_links(),
            "data_links": data_links(),
            "hot_words": HOT_WORDS,
            "sections": SECTIONS,
        },
    )


@require_GET
def section(request, slug: str):
    """The landing page of one of the six sections: its columns, linked once they exist."""
    current = section_by_slug(slug)
    if current is None:
        raise Http404
    columns = resolved_columns(current, request.agency)  # the agency's own columns (ADR 0050)
    return render(
        request,
        "web/section.html",
        {
            "section": current,
            "columns": columns,
        },
    )


@require_GET
def sitemap(request):
    """网站地图: every section and column, for people (sitemap.xml is for crawlers)."""
    return render(
        request,
        "web/sitemap.html",
        {
            "sections": [(s, resolved_columns(s, request.agency)) for s in SECTIONS],
            "breadcrumb": [("网站地图", None)],
        },
    )


@require_GET
def search(request):
    """The header's search target until the search capability replaces this view (same URL name)."""
    query = " ".join(request.GET.get("q", "").split())[:SEARCH_QUERY_MAX]
    return render(
        request,
        "web/search_placeholder.html",
        {
            "search_query": query,
            "breadcrumb": [("站内搜索", None)],
        },
    )


@require_GET
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        db = {"status": "ok", "vendor": connection.vendor}
        status = 200
    except Exception as exc:  # noqa: BLE001 - the health check reports every failure
        db = {"status": "error", "vendor": connection.vendor, "error": exc.__class__.__name__}
        status = 503
    payload = {"status": "ok" if status == 200 else "error", "database": db}
    if dbrouting.replica_configured():  # a node of a cluster also reports its replica (ADR 0046)
        payload["replica"] = dbrouting.health()
    return JsonResponse(payload, status=status)


def _safe_next(request, fallback: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or fallback
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        return target
    return fallback


def _same_origin_post(request) -> bool:
    """A browser's own form post: Origin is this site, or Fetch Metadata says same-origin."""
    origin = request.headers.get("Origin", "")
    if origin and origin == f"{request.scheme}://{request.get_host()}":
        return True
    return request.headers.get("Sec-Fetch-Site") == "same-origin"


@csrf_exempt
@require_POST
def toggle_elder_mode(request):
    """适老模式 on/off, remembered for a year in a cookie; works without JavaScript.

    The switch is on every page, and a page with a CSRF token is bound to its visitor and cannot come
    from the page cache (ADR 0043). So the form carries no token: a post is accepted when the browser
    says it comes from this site (Origin or Sec-Fetch-Site), else only with a valid token as before."""
    if not _same_origin_post(request):
        refused = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
        if refused is not None:
            return refused
    response = HttpResponseRedirect(_safe_next(request))
    if request.COOKIES.get(ELDER_COOKIE) == "1":
        response.delete_cookie(ELDER_COOKIE)
    else:
        response.set_cookie(ELDER_COOKIE, "1", max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return response


@require_GET
@cache_control(max_age=86400, public=True)
def qr_code(request):
    """QR code (SVG) of a page of this site, so that a reader can open it on a phone."""
    path = request.GET.get("path", "/")
    if not path.startswith("/") or path.startswith("//") or urlsplit(path).netloc:
        path = "/"
    return HttpResponse(_qr_svg(request.build_absolute_uri(path)), content_type="image/svg+xml")


@lru_cache(maxsize=2048)
def _qr_svg(url: str) -> bytes:
    """The SVG of `url`'s QR code: a pure function of the address, kept per process (issue 19 item 1)."""
    qr = segno.make(url, error="m")
    out = io.BytesIO()
    # A standalone SVG document (with xmlns), sized by the <img> that shows it.
    qr.save(
        out,
        kind="svg",
        scale=3,
        dark="#1f2d3d",
        light="#ffffff",
        omitsize=True,
        xmldecl=False,
        svgclass=None,
        lineclass=None,
    )
    return out.getvalue()


# Paths that search engines need not crawl: the office, the API, forms and per-visitor tools. The
# secret tracking pages are not listed (that would name them); they answer X-Robots-Tag: noindex.
ROBOTS_DISALLOW = ("/office/", "/api/", "/search/", "/elder-mode/", "/qr.svg")


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """robots.txt (issue 11 item 29): everything public may be crawled, and the sitemap is named."""
    lines = ["User-agent: *", *[f"Disallow: {path}" for path in ROBOTS_DISALLOW], ""]
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=604800, public=True)
def favicon(request):
    """/favicon.ico, which browsers and feed readers ask for whatever the page says."""
    from django.templatetags.static import static

    return HttpResponseRedirect(static("web/favicon.ico"))
