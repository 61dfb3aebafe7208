"""A bounded crawler over the public site, run in-process through Django's test client.

It follows every same-site link from the home page, breadth first, up to `max_pages` requests, and
reports links that answer 404 (broken), 410 (a withdrawn item still linked) and pages that answer 5xx
or raise (server errors). Nothing leaves the process, so it needs neither a network nor a running server.
"""

import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

from django.conf import settings
from django.test import Client

HREF = re.compile(r"""(?:href|src)\s*=\s*["']([^"'#][^"']*|#[^"']*)["']""", re.IGNORECASE)
SKIP_PREFIXES = ("/office/", "/static/", "/media/", "/admin/")
SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")
SKIP_PATHS = ("/qr.svg",)  # the per-page QR code of the current address (one image per page, not content)
# Query-string variants of one path crawled at most this often (calendars and filters are endless).
MAX_VARIANTS_PER_PATH = 3


@dataclass
class CrawlReport:
    pages: int = 0
    broken: list[tuple[str, str]] = field(default_factory=list)  # (url, found on)
    withdrawn: list[tuple[str, str]] = field(default_factory=list)  # (url, found on)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (url, status or exception)
    html_pages: list[str] = field(default_factory=list)  # paths that answered 200 text/html, in crawl order
    truncated: bool = False


def _host() -> str:
    for host in settings.ALLOWED_HOSTS:
        if host and not host.startswith((".", "*")):
            return host
    return "testserver"


def _internal_path(href: str, page: str) -> str | None:
    href = href.strip()
    if not href or href.startswith("#") or href.lower().startswith(SKIP_SCHEMES):
        return None
    absolute = urljoin(page, href)
    parts = urlsplit(absolute)
    if parts.scheme not in ("", "http", "https") or (parts.netloc and parts.netloc != "testserver"):
        return None
    path = urldefrag(parts.path + (f"?{parts.query}" if parts.query else ""))[0]
    if not path.startswith("/") or path.startswith(SKIP_PREFIXES) or parts.path in SKIP_PATHS:
        return None
    return path


def crawl(start: str = "/", *, max_pages: int = 300) -> CrawlReport:
    client = Client(raise_request_exception=False, HTTP_HOST=_host())
    report = CrawlReport()
    seen = {start: ""}
    variants: dict[str, int] = {}
    queue = deque([start])
    while queue:
        if report.pages >= max_pages:
            report.truncated = True
            break
        path = queue.popleft()
        found_on = seen[path]
        report.pages += 1
        try:
            response = client.get(path, secure=True)
        except Exception as exc:  # noqa: BLE001 - a page that raises is exactly what is being looked for
            report.errors.append((path, type(exc).__name__))
            continue
        status = response.status_code
        if status >= 500:
            report.errors.append((path, str(status)))
            continue
        if status == 404:
            report.broken.append((path, found_on))
            continue
        if status == 410:
            report.withdrawn.append((path, found_on))
            continue
        links: list[str] = []
        if 300 <= status < 400 and response.get("Location"):
            links = [response["Location"]]
        elif status == 200 and "text/html" in response.get("Content-Type", ""):
            report.html_pages.append(path)
            links = HREF.findall(response.content.decode(response.charset or "utf-8", "replace"))
        for href in links:
            target = _internal_path(href, "http://testserver" + path)
            if target and target not in seen:
                bare = target.split("?", 1)[0]
                if "?" in target:
                    if variants.get(bare, 0) >= MAX_VARIANTS_PER_PATH:
                        continue
                    variants[bare] = variants.get(bare, 0) + 1
                seen[target] = path
                queue.append(target)
    return report
