"""The shared page cache of the public site (issue 19 item 2, ADR 0043).

Published public pages, feeds, sitemaps and public API answers are kept in the shared cache (the
database table, or Redis when REDIS_URL is set) and served from there to anonymous GET/HEAD requests.

Key: host, full path with query string, display mode (elder mode cookie) and language. A page is
stored only when nothing about it is personal: no session or messages cookie on the request, no
Authorization header, no cookie set by the response, no CSRF token rendered into it (a public form
carries a token bound to the visitor, so a page with a form is rendered every time), status 200,
no `private`/`no-store`/`no-cache` of its own, and no `Vary` beyond cookie and language.

Invalidation is exact and needs no call from any service: every INSERT, UPDATE or DELETE on a table
of public content, whoever issues it (a service, a queryset `.update()`, the worker's `publish_due`,
the demo loader, raw SQL), marks its transaction; when that transaction commits, the *generation* of
the site changes, and every page stored under an earlier generation is never served again. Publish,
withdraw, supersede, a moved release date and a settings change are all such writes. Tables that never
change a public page (the audit trail, sessions, the cache itself, the outbox, login throttling, the
search index mirror) are left out so that they cannot empty the cache.

An upgrade changes every page (templates, hashed static names): a generation records the release that
started it (`release.fingerprint`), and a process of another release starts a new one.

Time alone also makes pages change: a release's embargo minute, scheduled publication, a consultation
opening or closing. Apps register a *schedule* (`register_schedule`): a function that gives the next
such instant after `now`. The generation record carries the earliest of them; a request at or after
that instant starts a new generation, and every stored entry expires no later than that instant, so a
page cached before an embargo minute is never served after it, and a page is never stored with a
lifetime past it. `Cache-Control` for shared caches in front (nginx, a CDN) is cut the same way.

With `GONGKAI_EDGE_CACHE_DIR` set, stored HTML pages are also written as files that the front nginx
answers without Python (`edgecache`, ADR 0052); a generation then lasts at most
`GONGKAI_PAGE_CACHE_SECONDS`, and starting or ending one makes or removes nginx's links under a lock.
"""

from __future__ import annotations

import contextvars
import hashlib
import logging
import re
import threading
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from email.utils import formatdate
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone, translation

from gongkai.core import edgecache

from . import release, sites

STATE_KEY = "pagecache:state"
PAGE_PREFIX = "pagecache:page:"
# Tables whose writes never change a public page. Anything else invalidates (safe by default).
IGNORED_TABLES = frozenset(
    {
        "gongkai_cache",
        "core_ratecount",  # the data rate limit's counts (ADR 0063)
        "django_session",
        "django_migrations",
        "core_auditevent",
        "core_audithead",
        "axes_accessattempt",
        "axes_accessfailurelog",
        "axes_accesslog",
    }
)
IGNORED_PREFIXES = ("outbox_", "notifications_", "search_", "axes_")
# Cookies that make a request personal: its pages are neither served from nor stored in the cache.
PERSONAL_COOKIES = ("sessionid", "messages")
ELDER_COOKIE = "gk_elder"
ALLOWED_VARY = {"cookie", "accept-language"}
# Response headers never stored (the cached copy gets its own).
DROPPED_HEADERS = {"set-cookie", "content-length", "date", "etag", "last-modified", "x-page-cache"}

_WRITE = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+"?(\w+)"?', re.I
)
logger = logging.getLogger(__name__)
_schedules: list[Callable[[datetime], datetime | None]] = []
_local = threading.local()


def enabled() -> bool:
    return getattr(settings, "GONGKAI_PAGE_CACHE", True)


def serving() -> bool:
    """False: pages are rendered every time, with the per-generation memo (benchmarks measure this)."""
    return getattr(settings, "GONGKAI_PAGE_CACHE_SERVE", True)


def max_seconds() -> int:
    return int(getattr(settings, "GONGKAI_PAGE_CACHE_SECONDS", 300))


def proxy_seconds() -> int:
    """Seconds nginx or a CDN may keep a page without asking again (0: revalidate every time)."""
    return int(getattr(settings, "GONGKAI_PAGE_CACHE_PROXY_SECONDS", 0))


# --- schedules: instants at which pages change without any write ------------------------------------
def register_schedule(fn: Callable[[datetime], datetime | None]) -> None:
    """`fn(now)` gives the next instant after `now` at which some public page changes by time alone."""
    if fn not in _schedules:
        _schedules.append(fn)


def next_change(now: datetime) -> datetime | None:
    """The earliest registered instant after `now`; a schedule that cannot answer (its table missing
    while migrating, a database error) gives a minute from now, so nothing is kept long on a guess."""
    from django.db import DatabaseError

    instants = []
    for fn in _schedules:
        try:
            instant = fn(now)
        except DatabaseError:
            instant = now + timedelta(seconds=60)
        if instant is not None and instant > now:
            instants.append(instant)
    return min(instants) if instants else None


# --- the generation ---------------------------------------------------------------------------------
def _new_state(now: datetime) -> dict:
    upcoming = next_change(now)
    state = {
        "gen": uuid.uuid4().hex,
        "until": upcoming.timestamp() if upcoming else None,
        "release": release.fingerprint(),
    }
    base = edgecache.root()
    if base is not None:  # files for nginx (ADR 0052): a generation ends at the latest after the bound
        bound = now.timestamp() + max_seconds()
        state["until"] = bound if state["until"] is None else min(state["until"], bound)
        state["edge"] = str(base)
    return state


def _ended(state: dict | None, now_ts: float) -> bool:
    if state is None or (state["until"] is not None and now_ts >= state["until"]):
        return True
    if state.get("release") != release.fingerprint():  # stored by other code, templates or static files
        return True
    return edgecache.enabled() and "edge" not in state  # made before the files were turned on


def bump() -> None:
    """Ends the generation: every stored page becomes invisible. Called after each committed write; the
    next request starts a new generation (and looks up the next scheduled instant once for it).

    Only deleted when present: a generation created after this commit was created before any page of it
    was rendered, so its pages already show the write; under a stream of submissions with no reads
    between them this saves a write to the cache table per submission.

    With files for nginx (ADR 0052) the links to them go too, under the lock that starts a generation,
    before this returns. A process started without the setting still finds the folder in the record."""
    state = cache.get(STATE_KEY)
    folder = edgecache.root() or (state or {}).get("edge")
    if folder is None:
        if state is not None:
            cache.delete(STATE_KEY)
        return
    base = Path(folder)
    with edgecache.locked(base):
        if state is not None or cache.get(STATE_KEY) is not None:
            cache.delete(STATE_KEY)
        edgecache.retire(base)


def current_state(state: dict | None, now_ts: float) -> dict:
    """The generation valid now: a missing record, or one whose scheduled instant has come, starts a new
    generation (the instant's pages differ from those stored before it)."""
    if not _ended(state, now_ts):
        return state
    base = edgecache.root()
    if base is None:
        state = _new_state(timezone.now())
        cache.set(STATE_KEY, state, None)
        return state
    with edgecache.locked(base):  # no write can end the generation between the record and its links
        state = cache.get(STATE_KEY)
        if _ended(state, now_ts):
            now = timezone.now()
            state = _new_state(now)
            cache.set(STATE_KEY, state, None)
            edgecache.activate(base, state["gen"], now.timestamp(), state["until"])
    edgecache.sweep(base)
    return state


# --- per-process memo of per-request constant work, valid for one generation ---------------------------
_generation: contextvars.ContextVar[str | None] = contextvars.ContextVar("pagecache_generation", default=None)
_memo: dict[str, tuple[str, float, object]] = {}
MEMO_SIZE = 2000


def memoised(name: str, compute: Callable[[], object]):
    """`compute()`'s value kept in this process for as long as the generation of the current request
    lasts: the public agency, its site settings — whatever only a committed write can change. Outside a
    request that went through the page cache (no generation known) it is computed every time."""
    generation = _generation.get()
    if generation is None:
        return compute()
    now = time.monotonic()
    found = _memo.get(name)
    if found is not None and found[0] == generation and found[1] > now:
        return found[2]
    value = compute()
    if len(_memo) >= MEMO_SIZE:
        _memo.clear()
    # Never kept longer than a stored page (GONGKAI_PAGE_CACHE_SECONDS): what is derived from the
    # clock without a registered schedule (today's date, "N days left") is as fresh as the cache.
    _memo[name] = (generation, now + max_seconds(), value)
    return value


def evaluated_page(items, number, per_page: int):
    """A paginator page whose rows and count are read now, so that it can be kept by `memoised` (a lazy
    queryset kept in the memo would run its query again on every request)."""
    from django.core.paginator import Paginator

    page = Paginator(items, per_page).get_page(number)
    page.object_list = list(page.object_list)
    page.paginator.count  # noqa: B018 - evaluated once, kept with the page
    return page


# --- write detection (installed on every database connection) -----------------------------------------
def _table_changes_pages(table: str) -> bool:
    table = table.lower()
    return table not in IGNORED_TABLES and not table.startswith(IGNORED_PREFIXES)


def _bump_on_commit() -> None:
    if not enabled():
        return
    try:
        bump()
    except DatabaseError:  # the cache table does not exist yet (`migrate` on a new database): no pages
        logger.debug("page cache: no cache table yet", exc_info=True)
    except Exception:  # the write has committed; a cache that cannot be reached holds no pages either
        logger.warning("page cache: the generation could not be ended", exc_info=True)


def _on_commit_once(connection, func) -> None:
    """`func` once when the current transaction commits (at once outside a transaction)."""
    if connection.in_atomic_block:
        current = set(connection.savepoint_ids)
        if not any(f is func and sids <= current for sids, f, _ in connection.run_on_commit):
            connection.on_commit(func)
    else:
        func()


def _agency_written(connection) -> None:
    """The agency table changed: this process drops its site directory at once, and every process
    gets a new directory generation when the write commits (core.sites, ADR 0051)."""
    from . import sites

    sites.forget()
    _on_commit_once(connection, sites.changed)


def write_watcher(connection):
    from .sites import AGENCY_TABLE

    def watch(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        match = _WRITE.match(sql) if isinstance(sql, str) else None
        if match and match.group(1).lower() == AGENCY_TABLE:
            _agency_written(connection)
        if match and _table_changes_pages(match.group(1)):
            if connection.in_atomic_block:
                current = set(connection.savepoint_ids)
                if not any(
                    func is _bump_on_commit and sids <= current for sids, func, _ in connection.run_on_commit
                ):
                    connection.on_commit(_bump_on_commit)
            else:
                _bump_on_commit()
        return result

    return watch


def install_watcher(sender, connection, **kwargs) -> None:
    if not getattr(connection, "_pagecache_watched", False):
        connection.execute_wrappers.append(write_watcher(connection))
        connection._pagecache_watched = True


# --- keys -----------------------------------------------------------------------------------------------
def request_is_cacheable(request) -> bool:
    if request.method not in ("GET", "HEAD") or request.path.startswith("/office/"):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    cookies = request.COOKIES
    return not any(name in cookies for name in PERSONAL_COOKIES)


def page_key(request) -> str | None:
    try:
        host = request.get_host()
    except Exception:  # DisallowedHost: Django answers it
        return None
    elder = "e" if request.COOKIES.get(ELDER_COOKIE) == "1" else "n"
    language = translation.get_language_from_request(request)
    raw = f"{host}\n{request.get_full_path()}\n{elder}\n{language}"
    return PAGE_PREFIX + hashlib.sha1(raw.encode("utf-8", "surrogatepass")).hexdigest()


# --- serving and storing ------------------------------------------------------------------------------
def _cache_control(seconds_left: float | None) -> str:
    shared = proxy_seconds()
    if seconds_left is not None:
        shared = min(shared, int(seconds_left))
    return f"public, max-age=0, s-maxage={shared}" if shared > 0 else "public, no-cache"


def response_from(entry: dict, request, state: dict, now_ts: float):
    etag = entry["etag"]
    if etag in request.META.get("HTTP_IF_NONE_MATCH", ""):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(b"" if request.method == "HEAD" else entry["body"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response["Content-Length"] = str(len(entry["body"]))
    response["ETag"] = etag
    response["Last-Modified"] = entry["modified"]
    if not entry["own_cache_control"]:
        left = None if state["until"] is None else state["until"] - now_ts
        response["Cache-Control"] = _cache_control(left)
    response["X-Page-Cache"] = "hit"
    return response


def storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # a CSRF token was rendered into the page
        return False
    if getattr(request, "user", None) is not None and getattr(request.user, "is_authenticated", False):
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= ALLOWED_VARY


class PageCacheMiddleware:
    """First in the stack: a hit never reaches the rest of Django; a miss is stored on the way out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled() or not request_is_cacheable(request):
            return self.get_response(request)
        key = page_key(request)
        if key is None:
            return self.get_response(request)
        try:
            # The site directory's generation comes with the same read (core.sites: resolving the
            # agency then costs no query).
            found = cache.get_many([STATE_KEY, key, sites.GENERATION_KEY])
            now_ts = timezone.now().timestamp()
            state = current_state(found.get(STATE_KEY), now_ts)
        except Exception:  # no cache table yet, Redis down: serve the page uncached
            logger.warning("page cache unavailable", exc_info=True)
            return self.get_response(request)
        entry = found.get(key) if serving() else None
        if entry is not None and entry["gen"] == state["gen"]:
            return response_from(entry, request, state, now_ts)
        token = _generation.set(state["gen"])
        sites_token = sites.begin_request(found.get(sites.GENERATION_KEY))
        try:
            response = self.get_response(request)
        finally:
            sites.end_request(sites_token)
            _generation.reset(token)
        if request.method == "GET" and serving() and storable(request, response):
            try:
                self.store(key, response, state, now_ts, request)
            except Exception:
                logger.warning("page cache: a page could not be stored", exc_info=True)
        return response

    def store(self, key, response, state, now_ts, request=None):
        timeout = max_seconds()
        own = response.has_header("Cache-Control")
        if state["until"] is not None:
            left = state["until"] - now_ts
            if left < 1:
                return
            timeout = min(timeout, int(left))
        body = response.content
        etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
        modified = formatdate(now_ts, usegmt=True)
        headers = [(k, v) for k, v in response.items() if k.lower() not in DROPPED_HEADERS]
        entry = {
            "gen": state["gen"],
            "status": response.status_code,
            "headers": headers,
            "body": body,
            "etag": etag,
            "modified": modified,
            "own_cache_control": own,
        }
        cache.set(key, entry, timeout)
        if request is not None and edgecache.enabled():
            language = translation.get_language_from_request(request)
            edgecache.materialise(state["gen"], request, language, headers, body)
        response["ETag"] = etag
        response["Last-Modified"] = modified
        if not own:
            left = None if state["until"] is None else state["until"] - now_ts
            response["Cache-Control"] = _cache_control(left)
        response["X-Page-Cache"] = "miss"
