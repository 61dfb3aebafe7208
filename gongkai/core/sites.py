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

Resolution reads a per-process memo of the active agencies (code, host, default), refreshed every
`MEMO_SECONDS` and at once in this process when an agency is saved: no query per request (item 11).

Other code uses only: `site_agency(request)`, `agency_url(agency, name, …)`, `agency_path(agency, path)`,
`agency_base(agency)`, `site_agencies()`.
"""

from __future__ import annotations

import re
import time
from contextvars import ContextVar
from threading import Lock

from django.conf import settings
from django.urls import get_script_prefix, reverse, set_script_prefix

PATH_SEGMENT = "bm"  # 部门: /bm/<code>/…
MEMO_SECONDS = 60
_PREFIX = re.compile(r"^/bm/([a-z0-9_-]{1,40})(/.*)?$", re.IGNORECASE)

# The agency whose public site this request serves; None outside a request.
current_site_agency: ContextVar = ContextVar("current_site_agency", default=None)
# The request being served (for `rules_agency`: the office uses the staff member's agency).
current_request: ContextVar = ContextVar("current_site_request", default=None)

_lock = Lock()
_memo: dict = {"at": 0.0, "codes": {}, "hosts": {}, "by_id": {}, "default": None}


def forget() -> None:
    """Drop the memo (an agency was saved or deleted; tests between cases)."""
    with _lock:
        _memo["at"] = 0.0


def _directory() -> dict:
    now = time.monotonic()
    if now - _memo["at"] < MEMO_SECONDS and _memo["at"]:
        return _memo
    from django.db import DatabaseError

    from .models import Agency

    try:
        agencies = list(Agency.objects.filter(is_active=True).order_by("sort_order", "id"))
    except DatabaseError:  # the database is down: serve without an agency (healthz says 503), retry next time
        return {"at": 0.0, "codes": {}, "hosts": {}, "by_id": {}, "default": None}
    codes = {a.code.lower(): a for a in agencies}
    hosts = {a.site_host.lower(): a for a in agencies if a.site_host}
    default = codes.get(str(settings.GONGKAI_DEFAULT_AGENCY).lower())
    if default is None and agencies:
        default = min(agencies, key=lambda a: a.pk)
    with _lock:
        _memo.update(at=now, codes=codes, hosts=hosts, by_id={a.pk: a for a in agencies}, default=default)
    return _memo


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
