"""Accessibility of the public site (GB/T 37668-2019, WCAG 2.1 A/AA) by axe-core in a headless Chromium.

The pages are rendered in-process first, through Django's test client, exactly as the crawler sees them
(with their stylesheets and scripts); the browser then loads them from that snapshot through Playwright's
request routing, so nothing listens on a port and nothing leaves the machine. The browser runs in a
thread of its own: Playwright's sync API must not share a thread with an event loop, and the database
is never touched from inside it.

Where Chromium, Playwright or the axe-core script is missing, `availability()` says which, and the
indicator reports "无法检查" with that reason — never a pass.
"""

import re
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.test import Client

from .crawler import _host

ORIGIN = "https://gongkai.invalid"  # the browser's view of the snapshot; never resolved
WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ASSET = re.compile(r"""<(?:link|script)\b[^>]*?(?:href|src)\s*=\s*["'](/static/[^"'#?]+)""", re.IGNORECASE)
PAGE_TIMEOUT_MS = 15000


def chromium_path() -> str:
    return getattr(settings, "GONGKAI_CHROMIUM", "/usr/bin/chromium")


def axe_path() -> Path:
    """The vendored axe-core (tests/browser/vendor/, see PROVENANCE.md there) unless configured."""
    configured = getattr(settings, "GONGKAI_AXE_JS", "")
    return (
        Path(configured) if configured else settings.BASE_DIR / "tests" / "browser" / "vendor" / "axe.min.js"
    )


def availability() -> str:
    """'' when the check can run here, else the reason it cannot (in Chinese, for the indicator)."""
    if getattr(settings, "GONGKAI_ACCESSIBILITY_PAGES", 20) <= 0:
        return "无障碍检查已关闭（GONGKAI_ACCESSIBILITY_PAGES = 0）。"
    if not (Path(chromium_path()).exists() or shutil.which(chromium_path())):
        return f"本服务器没有可用的浏览器（未找到 Chromium：{chromium_path()}）。"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "本服务器没有安装 Playwright，无法驱动浏览器。"
    if not axe_path().is_file():
        return f"没有找到 axe-core 脚本（{axe_path()}）。"
    return ""


@dataclass
class PageResult:
    path: str
    violations: list[dict] = field(default_factory=list)  # [{"id", "impact", "help", "nodes"}]
    error: str = ""


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def snapshot(paths: list[str]) -> dict[str, tuple[int, str, bytes]]:
    """path → (status, content type, body) for each page and the stylesheets and scripts it loads."""
    client = Client(raise_request_exception=False, HTTP_HOST=_host())
    files: dict[str, tuple[int, str, bytes]] = {}
    for path in paths:
        response = client.get(path, secure=True)
        body = _body(response)
        files[path] = (response.status_code, response.get("Content-Type", "text/html"), body)
        for asset in ASSET.findall(body.decode("utf-8", "replace")):
            if asset not in files:
                static = client.get(asset, secure=True)
                files[asset] = (static.status_code, static.get("Content-Type", ""), _body(static))
    return files


def _run_axe(paths: list[str], files: dict, results: list[PageResult]) -> None:
    from playwright.sync_api import sync_playwright

    axe = axe_path().read_text(encoding="utf-8")

    def serve(route):
        parts = urlsplit(route.request.url)
        if f"{parts.scheme}://{parts.netloc}" != ORIGIN:
            route.abort()
            return
        key = parts.path + (f"?{parts.query}" if parts.query else "")
        status, content_type, body = files.get(key, files.get(parts.path, (404, "text/plain", b"")))
        route.fulfill(status=status, headers={"Content-Type": content_type}, body=body)

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium_path(),
            args=["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        try:
            # axe is added as a script the site's CSP would refuse: the check bypasses the CSP, as the
            # accessibility tests do (tests/browser/test_accessibility.py).
            context = browser.new_context(locale="zh-CN", bypass_csp=True)
            context.route("**/*", serve)
            page = context.new_page()
            page.set_default_timeout(PAGE_TIMEOUT_MS)
            for path in paths:
                result = PageResult(path)
                try:
                    page.goto(urljoin(ORIGIN, path))
                    page.add_script_tag(content=axe)
                    found = page.evaluate(
                        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
                        " resultTypes: ['violations']})",
                        WCAG21_AA,
                    )
                    result.violations = [
                        {
                            "id": v["id"],
                            "impact": v.get("impact") or "",
                            "help": v["help"],
                            "nodes": len(v["nodes"]),
                        }
                        for v in found["violations"]
                    ]
                except Exception as exc:  # noqa: BLE001 - one page failing must not hide the others
                    result.error = f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}"
                results.append(result)
        finally:
            browser.close()


def check(paths: list[str]) -> list[PageResult]:
    """axe-core over `paths` (already bounded by the caller). Raises RuntimeError if the browser fails."""
    files = snapshot(paths)
    results: list[PageResult] = []
    failure: list[BaseException] = []

    def work():
        try:
            _run_axe(paths, files, results)
        except BaseException as exc:  # noqa: BLE001 - reported to the caller's thread
            failure.append(exc)

    thread = threading.Thread(target=work, name="gongkai-axe", daemon=True)
    thread.start()
    thread.join()
    if failure:
        raise RuntimeError(f"{type(failure[0]).__name__}: {str(failure[0]).splitlines()[0][:200]}")
    return results
