"""Cached pages answered by the front nginx without Python (issue 19 item 2, ADR 0052).

The page cache (`pagecache`, ADR 0043) also *materialises* each public HTML page it stores as a file,
which Debian's stock nginx serves with `try_files` before it proxies to gunicorn:

    <root>/g/<generation>/<scheme>/<host>/<mode>/<language><path>@<query>    the pages of a generation
    <root>/t/<bucket>  ->  ../g/<generation>                                   one link per 10 seconds

nginx looks a page up under `t/<the first 9 digits of $msec>/…`, so a file is reachable only through
the link of the current 10-second bucket. The links of a generation are made when the generation starts
and reach no further than its end: the next scheduled minute (an embargo, a scheduled publication, a
consultation window) or `GONGKAI_PAGE_CACHE_SECONDS`, whichever comes first; the bucket that contains
that instant is never linked, so nginx's own clock stops serving a page before the minute, with no
process awake to remove anything. Every committed write to public content removes all the links
(under the same lock that starts a generation) before `pagecache.bump` returns, so a withdrawal is
never answered from a file after its transaction has committed and the generation ended.

A page is materialised only when nginx can find exactly it and add exactly Django's headers: GET, 200,
HTML, none of the personal conditions of the page cache, a plain ASCII path and query, a host name,
the language that nginx's `Accept-Language` map gives the same answer for, and response headers equal
to `edge_headers()`. Anything else stays with the page cache behind nginx.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import re
import shutil
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

BUCKET_SECONDS = 10  # nginx takes the first 9 digits of $msec: 10-second buckets
BUCKET_DIGITS = 9
MAX_LINKS = 2000  # a generation never lasts longer than GONGKAI_PAGE_CACHE_SECONDS anyway
SAFE_PATH = re.compile(r"^/(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*/?)*$")  # no '.', '..', '//', '@', '%'
SAFE_QUERY = re.compile(r"^[A-Za-z0-9=&_.%+-]{0,160}$")  # no '/', so never leaves its folder
SAFE_HOST = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$")
HTML = "text/html; charset=utf-8"
EDGE_MARK = "edge"  # X-Page-Cache of a page answered by nginx from a file


def root() -> Path | None:
    folder = getattr(settings, "GONGKAI_EDGE_CACHE_DIR", "")
    return Path(folder) if folder else None


def enabled() -> bool:
    return root() is not None


def bucket(ts: float) -> int:
    return int(ts) // BUCKET_SECONDS


# --- generations: links made and removed under one lock -----------------------------------------------
@contextlib.contextmanager
def locked(base: Path):
    """The lock under which a generation starts or ends (every process on the machine takes it)."""
    base.mkdir(parents=True, exist_ok=True)
    fd = os.open(base / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def activate(base: Path, generation: str, start_ts: float, end_ts: float) -> None:
    """Under `locked`: the links of the 10-second buckets wholly inside [start, end) point at the new
    generation; every other link and every other generation's pages go."""
    pages = base / "g"
    links = base / "t"
    trash = base / "trash"
    for folder in (pages, links, trash):
        folder.mkdir(exist_ok=True)
    (pages / generation).mkdir(exist_ok=True)
    keep = set()
    last = min(bucket(end_ts), bucket(start_ts) + MAX_LINKS)  # the bucket holding `end` stays out
    for number in range(bucket(start_ts), last):
        name = str(number)
        temporary = links / f".{name}.{generation}"
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        os.symlink(f"../g/{generation}", temporary)
        os.replace(temporary, links / name)
        keep.add(name)
    for name in os.listdir(links):
        if name not in keep:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(links / name)
    for name in os.listdir(pages):
        if name != generation:
            with contextlib.suppress(OSError):
                os.replace(pages / name, trash / name)


def retire(base: Path) -> None:
    """Under `locked`: nginx finds no page any more (every link removed)."""
    links = base / "t"
    with contextlib.suppress(FileNotFoundError):
        for name in os.listdir(links):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(links / name)


def sweep(base: Path) -> None:
    """Deletes the pages of ended generations (outside the lock: nothing links to them any more)."""
    trash = base / "trash"
    with contextlib.suppress(FileNotFoundError):
        for name in os.listdir(trash):
            shutil.rmtree(trash / name, ignore_errors=True)


# --- which pages, where ---------------------------------------------------------------------------------
def nginx_language(accept_language: str) -> str | None:
    """The language nginx's map gives for this Accept-Language header (None: nginx asks Django)."""
    for language, pattern in _language_patterns():
        if re.search(pattern, accept_language, re.I):
            return language
    return None


def _language_patterns() -> list[tuple[str, str]]:
    """Headers of Django's grammar (else Django falls back to LANGUAGE_CODE) whose first entry carries
    no q (so q=1, and Django's stable sort by q keeps it first) and names a language of LANGUAGES."""
    entry = r"(?:[a-z]{1,8}(?:-[a-z0-9]{1,8})*|\*)(?:\s*;\s*q=(?:0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?))?"
    patterns = []
    for code, _ in settings.LANGUAGES:
        generic = code.split("-")[0]
        if code == "zh-hans":
            first = "zh(?:-(?:cn|sg|hans|hans-cn))?"
        elif code == generic:
            first = f"{generic}(?:-[a-z]{{2}})?"
        else:
            first = re.escape(code)
        patterns.append((code, rf"^(?=.{{0,400}}$){first}(?:\s*,\s*{entry})*$"))
    return patterns


def relative_path(request, language: str) -> str | None:
    """Where the page of this request lives under a generation, or None if nginx could not find it."""
    from gongkai.core import pagecache

    path = request.path
    query = request.META.get("QUERY_STRING", "")
    if request.method != "GET" or not SAFE_PATH.match(path) or not SAFE_QUERY.match(query):
        return None
    try:
        host = request.get_host()
    except Exception:
        return None
    host = host.rsplit(":", 1)[0].lower()  # nginx's $host: no port, lower case
    if not SAFE_HOST.match(host) or len(host) > 200 or len(path) + len(query) > 900:
        return None
    mode = "e" if request.COOKIES.get(pagecache.ELDER_COOKIE) == "1" else "n"
    return f"{request.scheme}/{host}/{mode}/{language}{path}@{query}"


def edge_headers(language: str) -> dict[str, str]:
    """The headers Django sends with a public HTML page (lower-case names), which nginx adds itself."""
    from csp.utils import build_policy

    return {
        "content-type": HTML,
        "content-language": language,
        "vary": "Accept-Language, Cookie",
        "x-frame-options": settings.X_FRAME_OPTIONS,
        "x-content-type-options": "nosniff",
        "referrer-policy": settings.SECURE_REFERRER_POLICY,
        "cross-origin-opener-policy": settings.SECURE_CROSS_ORIGIN_OPENER_POLICY,
        "content-security-policy": _csp(build_policy()),
    }


def _csp(policy: str) -> str:
    """django-csp writes the directives in a different order in each process: one order for comparing."""
    return "; ".join(sorted(part.strip() for part in policy.split(";") if part.strip()))


def materialise(generation: str, request, language: str, headers: list[tuple[str, str]], body: bytes) -> bool:
    """Writes the page for nginx if it qualifies (the caller has already decided it is storable)."""
    base = root()
    if base is None:
        return False
    relative = relative_path(request, language)
    if relative is None:
        return False
    given = {name.lower(): value for name, value in headers}
    # A view's own `public, max-age=N` (the data pages: N cut to the next release minute): nginx sends
    # `public, no-cache` instead, which no cache may keep longer; anything else stays with Django.
    if not given.pop("cache-control", "public").startswith("public"):
        return False
    if "content-security-policy" in given:
        given["content-security-policy"] = _csp(given["content-security-policy"])
    if given != edge_headers(language):
        return False
    folder = base / "g" / generation
    if not folder.is_dir():  # the generation has ended meanwhile: its pages are never linked again
        return False
    target = folder / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.parent / f".{target.name}.{os.getpid()}.tmp"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.fchmod(fd, 0o644)
        os.write(fd, body)
    finally:
        os.close(fd)
    os.replace(temporary, target)
    return True


# --- the nginx side --------------------------------------------------------------------------------------
def nginx_http(base: Path) -> str:
    """The `map`s for nginx's http block: whether, and where, a request's page is looked for."""
    languages = "\n".join(f'    "~*{pattern}" "{code}";' for code, pattern in _language_patterns())
    return f"""  # Gongkai edge cache (ADR 0052): pages of the current generation answered from files.
  map $msec $gk_edge_bucket {{ "~^(?<b>\\d{{{BUCKET_DIGITS}}})" $b; default "none"; }}
  map $cookie_gk_elder $gk_edge_mode {{ "" "n"; "1" "e"; default "-"; }}
  map $http_accept_language $gk_edge_lang {{
    "" "{settings.LANGUAGE_CODE}";
{languages}
    default "-";
  }}
  map $args $gk_edge_args {{ "" "1"; "~^[A-Za-z0-9=&_.%+-]{{1,160}}$" "1"; default ""; }}
  map "$request_method $request_uri $uri" $gk_edge_plain {{
    "~^(?:GET|HEAD) ([^?]*)(?:\\?[^ ]*)? \\1$" "1";
    default "";
  }}
  map "$gk_edge_plain$gk_edge_args|$cookie_sessionid|$cookie_messages|$http_authorization|$cookie_{settings.LANGUAGE_COOKIE_NAME}|$gk_edge_mode|$gk_edge_lang" $gk_edge {{
    "~^11\\|\\|\\|\\|\\|[ne]\\|[a-z]" "t/$gk_edge_bucket/$scheme/$host/$gk_edge_mode/$gk_edge_lang";
    default "none";
  }}
"""


def nginx_location(base: Path, fallback: str = "@gongkai") -> str:
    """The directives of the public `location /`: the file of the current generation, else `fallback`."""
    headers = edge_headers(settings.LANGUAGE_CODE)
    adds = "\n".join(
        f'      add_header {name.title()} "{value}";'
        for name, value in headers.items()
        if name not in ("content-type", "content-language")
    )
    return f"""      root {base};
      types {{ }}
      default_type "{HTML}";
      add_header Content-Language $gk_edge_lang;
{adds}
      add_header Cache-Control "public, no-cache";
      add_header X-Page-Cache "{EDGE_MARK}";
      etag on;
      try_files /$gk_edge$uri@$args {fallback};
"""


def nginx_conf(
    base: Path,
    *,
    listen: str,
    upstreams: list[str],
    work: Path,
    workers: int = 1,
    daemon: bool = True,
    upstream_extra: str = "",
) -> str:
    """A whole nginx.conf: Gongkai's pages of the current generation from `base`, the rest proxied
    to the gunicorn nodes `upstreams` (host:port). Used by deploy/cluster.py, the benchmark and tests."""
    servers = "\n".join(f"    server {address}{upstream_extra};" for address in upstreams)
    temporary = " ".join(
        f"{name}_temp_path {work}/{name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""worker_processes {workers};
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
{"" if daemon else "daemon off;"}
events {{ worker_connections 2048; }}
http {{
  access_log off;
  {temporary}
{nginx_http(base)}
  upstream gongkai {{
{servers}
    keepalive 64;
  }}
  server {{
    listen {listen};
    client_max_body_size 30m;
    location / {{
{nginx_location(base)}    }}
    location @gongkai {{
      proxy_pass http://gongkai;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_connect_timeout 1s;
      proxy_next_upstream error timeout http_502 http_503;
    }}
  }}
}}
"""
