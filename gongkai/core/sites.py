"""Which agency's public site a request is for — the one place that decides it (issue 18 item 1, ADR 0037).

An agency's public site lives either at its own host name (`Agency.site_host`, e.g. tjj.fuzhou.gov.cn)
or under the path `/bm/<code>/` of the platform; the default agency (`GONGKAI_DEFAULT_AGENCY`) is also
served at the root, so a single-agency deployment shows no tenancy anywhere.

`SiteMiddleware` (first after the proxy middleware) resolves the agency, strips `/bm/<code>` from
`path_info` and sets the script prefix to it, so every `reverse()`/`{% url %}` — links, forms, feeds,
sitemaps, API links, the search box — stays inside the agency's site. It sets `request.site_agency`
(and `request.agency`), `request.site_prefix` ("" or "/bm/<code>") and the context variable that
`core.selectors.public_agency()` reads, so code that has no request (feeds, sitemaps, API helpers)
serves the same agency.

Resolution reads a per-process memo of the active agencies (code, host, default) that is valid for
one *directory generation*, a token kept in the shared cache (`GENERATION_KEY`). Every committed write
to the agency table, whoever issues it (a service's save, a queryset `.update()`, raw SQL; detected by
the page cache's write watcher), replaces the token; every gunicorn worker on every node then reloads
its memo on its next request, so no worker serves a stale host, path or closed agency (issue 18
item 11, ADR 0051). The token is read together with the page cache's own state (one `get_many`) for a
public request, so resolving the agency adds no query; a request the page cache does not see (the
office, a POST, a signed-in visitor) reads the token alone: one cache read, never the agency table.

Other code uses only: `site_agency(request)`, `agency_url(agency, name, …)`, `agency_path(agency, path)`,
`agency_base(agency)`, `site_agencies()`.
"""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar
from threading import Lock
from urllib.parse import quote

from django.conf import settings
from django.urls import get_script_prefix, reverse, set_script_prefix

logger = logging.getLogger(__name__)

PATH_SEGMENT = "bm"  # 部门: /bm/<code>/…
GENERATION_KEY = "sites:generation"
AGENCY_TABLE = "core_agency"
_PREFIX = re.compile(r"^/bm/([a-z0-9_-]{1,40})(/.*)?$", re.IGNORECASE)

# The agency whose public site this request serves; None outside a request.
current_site_agency: ContextVar = ContextVar("current_site_agency", default=None)
# The request being served (for `rules_agency`: the office uses the staff member's agency).
current_request: ContextVar = ContextVar("current_site_request", default=None)
# The directory generation of this request: {"gen": token or None until read}; None outside a request.
request_generation: ContextVar = ContextVar("sites_request_generation", default=None)

_lock = Lock()
_EMPTY = {"gen": None, "codes": {}, "hosts": {}, "by_id": {}, "default": None}
_memo: dict = dict(_EMPTY)


def forget() -> None:
    """Drop this process's memo (tests between cases; an agency written in this process)."""
    with _lock:
        _memo["gen"] = None


def changed() -> None:
    """An agency row was written and committed: a new directory generation for every process."""
    from django.core.cache import cache

    forget()
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    except Exception:  # the cache cannot be reached: no process can validate its memo, each reloads
        logger.warning("site directory: the generation could not be replaced", exc_info=True)


def begin_request(generation: str | None = None):
    """Starts a request's generation holder (the page cache passes the token it read with its own
    state); returns the token for `end_request`."""
    return request_generation.set({"gen": generation})


def end_request(token) -> None:
    request_generation.reset(token)


def current_generation() -> str | None:
    """The shared directory generation: read at most once per request (created when the cache has
    none). None when the cache cannot be reached: the memo is then not trusted."""
    holder = request_generation.get()
    if holder is not None and holder["gen"] is not None:
        return holder["gen"]
    from django.core.cache import cache

    try:
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
            generation = cache.get(GENERATION_KEY)
    except Exception:
        logger.warning("site directory: the shared cache cannot be read", exc_info=True)
        return None
    if holder is not None:
        holder["gen"] = generation
    return generation


def _directory() -> dict:
    generation = current_generation()
    memo = _memo
    if generation is not None and memo["gen"] == generation:
        return memo
    from django.db import DatabaseError

    from .models import Agency

    try:
        agencies = list(Agency.objects.filter(is_active=True).order_by("sort_order", "id"))
    except DatabaseError:  # the database is down: serve without an agency (healthz says 503), retry next time
        return dict(_EMPTY)
    codes = {a.code.lower(): a for a in agencies}
    hosts = {a.site_host.lower(): a for a in agencies if a.site_host}
    default = codes.get(str(settings.GONGKAI_DEFAULT_AGENCY).lower())
    if default is None and agencies:
        default = min(agencies, key=lambda a: a.pk)
    fresh = {"gen": generation, "codes": codes, "hosts": hosts, "by_id": {a.pk: a for a in agencies}}
    fresh["default"] = default
    with _lock:
        _memo.update(fresh)
    return fresh


def default_agency():
    """The agency served at the root (the configured one, else the first active one)."""
    return _directory()["default"]


def site_agencies() -> list:
    """Every active agency, in directory order (memoised; no query per call)."""
    return list(_directory()["codes"].values())


def agency_by_code(code: str):
    return _directory()["codes"].get((code or "").lower())


def agency_by_id(agency_id):
    return _directory()["by_id"].get(agency_id)


def is_multi_agency() -> bool:
    return len(_directory()["codes"]) > 1


def site_agency(request=None):
    """The agency whose public site is served: the request's, else the context's, else the default."""
    agency = getattr(request, "site_agency", None) if request is not None else None
    return agency or current_site_agency.get() or default_agency()


def rules_agency():
    """Whose local rules apply now (core.agency_settings): in the office the signed-in staff member's
    agency, on the public site the site's agency, elsewhere (jobs, shell) the default agency."""
    request = current_request.get()
    if request is not None and request.path_info.startswith(("/office/", "/api/")):
        user = getattr(request, "user", None)
        if getattr(user, "is_authenticated", False) and getattr(user, "agency_id", None):
            return user.agency
    return site_agency(request)


def agency_base(agency) -> str:
    """Where the agency's site starts: "" (the root: the default agency), "/bm/<code>", or
    "https://<host>" for an agency on its own host name."""
    if agency is None:
        return ""
    if agency.site_host:
        scheme = "https" if not settings.DEBUG else "http"
        return f"{scheme}://{agency.site_host}"
    default = default_agency()
    if default is not None and default.pk == agency.pk:
        return ""
    return f"/{PATH_SEGMENT}/{agency.code}"


def _strip_site(path: str) -> str:
    """A site-relative path from any path of this platform ("/bm/x/a/" → "/a/")."""
    prefix = get_script_prefix().rstrip("/")
    if prefix and path.startswith(prefix + "/"):
        path = path[len(prefix) :]
    match = _PREFIX.match(path)
    if match:
        path = match.group(2) or "/"
    return path


def agency_path(agency, path: str) -> str:
    """A path of the platform (with or without some agency's prefix) inside `agency`'s site."""
    if not path or "://" in path:
        return path
    return agency_base(agency) + _strip_site(path)


def agency_url(agency, name: str, *args, **kwargs) -> str:
    """`reverse(name, args, kwargs)` inside `agency`'s site, whatever site the current request is on."""
    return agency_path(agency, reverse(name, args=args or None, kwargs=kwargs or None))


def request_host(request) -> str:
    """The host name the visitor asked for (lower case, without port)."""
    return _host(request)


def _host(request) -> str:
    host = request.META.get("HTTP_X_FORWARDED_HOST") if settings.USE_X_FORWARDED_HOST else None
    host = host or request.META.get("HTTP_HOST") or ""
    return host.split(":")[0].strip().lower().rstrip(".")


class SiteMiddleware:
    """Resolves the agency of the public site (host name, then `/bm/<code>/`, then the default)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        holder = begin_request() if request_generation.get() is None else None
        try:
            return self._serve(request)
        finally:
            if holder is not None:
                end_request(holder)

    def _serve(self, request):
        agency, prefix = None, ""
        match = _PREFIX.match(request.path_info)
        if match:
            directory = _directory()
            agency = directory["hosts"].get(_host(request))
            found = directory["codes"].get(match.group(1).lower())
            if found is not None and (agency is None or agency.pk == found.pk):
                if match.group(2) is None:  # /bm/code → /bm/code/
                    from django.http import HttpResponsePermanentRedirect

                    return HttpResponsePermanentRedirect(request.path + "/")
                if match.group(2).startswith("/office/"):
                    # The office is the platform's, not a site's (it serves the signed-in user's agency):
                    # /bm/code/office/… leads to /office/…, so its links never carry a site's prefix.
                    from django.http import HttpResponseRedirect

                    query = request.META.get("QUERY_STRING", "")
                    return HttpResponseRedirect(match.group(2) + (f"?{query}" if query else ""))
                agency, prefix = found, f"/{PATH_SEGMENT}/{found.code}"
                request.path_info = match.group(2)
        if agency is None:
            # Lazy: a request that never asks (static files, health checks, the API schema) costs nothing.
            from django.utils.functional import SimpleLazyObject

            host = _host(request)
            agency = SimpleLazyObject(lambda: _directory()["hosts"].get(host) or _directory()["default"])
        request.site_agency = agency
        request.agency = agency
        request.site_prefix = prefix
        token = current_site_agency.set(agency)
        request_token = current_request.set(request)
        old_prefix = get_script_prefix()
        if prefix:
            set_script_prefix(old_prefix.rstrip("/") + prefix + "/")
        try:
            return self.get_response(request)
        finally:
            if prefix:
                set_script_prefix(old_prefix)
            current_site_agency.reset(token)
            current_request.reset(request_token)


# 全国政府网站纠错 (www.gov.cn 我为政府网站找错): the footer's error-report link, by 网站标识码
JIUCUO_URL = "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={code}"


def error_report_url(website_code: str) -> str:
    return JIUCUO_URL.format(code=quote(website_code, safe="")) if website_code else ""
