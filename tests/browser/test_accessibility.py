"""The public pages pass axe-core (WCAG 2.1 A/AA) in the default and the 适老 mode, at desktop width and
at 375px; the keyboard reaches the skip link first; the pages run under the strict CSP without errors.

axe-core is vendored in tests/browser/vendor/ (see PROVENANCE.md there).
"""

from pathlib import Path

import pytest

from gongkai.web.tests.pages import PUBLIC_PAGES

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 375, "height": 812}}


def _context(browser, live_server, *, elder: bool, viewport: str, bypass_csp: bool = False):
    # axe is injected as an inline <script>, which the site's CSP refuses; the axe contexts bypass
    # the CSP for that. test_pages_run_under_the_csp_without_errors checks the CSP itself.
    context = browser.new_context(locale="zh-CN", viewport=VIEWPORTS[viewport], bypass_csp=bypass_csp)
    if elder:
        context.add_cookies([{"name": "gk_elder", "value": "1", "url": live_server.url}])
    return context


def _readable(path: str, violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{path}: [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node['failureSummary'].splitlines()[-1].strip()}")
            lines.append(f"        {node['html'][:160]}")
    return "\n".join(lines)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
@pytest.mark.parametrize("elder", [False, True], ids=["default", "elder"])
def test_public_pages_have_no_wcag21_aa_violations(browser, live_server, agency, elder, viewport):
    context = _context(browser, live_server, elder=elder, viewport=viewport, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    mode = f"{'elder' if elder else 'default'}-{viewport}"
    report = []
    try:
        for path in PUBLIC_PAGES:
            page.goto(live_server.url + path)
            assert page.locator("body").evaluate("b => b.classList.contains('elder')") is elder, path
            page.add_script_tag(path=str(AXE))
            result = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
                WCAG21_AA,
            )
            assert len(result["passes"]) > 10, path  # axe really ran
            if result["violations"]:
                report.append(_readable(path, result["violations"]))
            if path in ("/", "/xxgk/"):
                ARTIFACTS.mkdir(exist_ok=True)
                name = "home" if path == "/" else path.strip("/")
                page.screenshot(path=str(ARTIFACTS / f"a11y-{name}-{mode}.png"), full_page=True)
    finally:
        context.close()
    assert not report, "axe-core found WCAG 2.1 A/AA violations:\n" + "\n".join(report)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_axe_check_finds_a_planted_violation(browser, live_server, agency):
    context = _context(browser, live_server, elder=False, viewport="desktop", bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        page.evaluate(
            "document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/qr.svg\">')"
        )
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG21_AA)
    finally:
        context.close()
    assert [v["id"] for v in result["violations"]] == ["image-alt"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
def test_pages_do_not_scroll_sideways(browser, live_server, agency, viewport):
    context = _context(browser, live_server, elder=True, viewport=viewport)
    page = context.new_page()
    try:
        for path in PUBLIC_PAGES:
            page.goto(live_server.url + path)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} is {overflow}px wider than the {viewport} screen"
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pages_run_under_the_csp_without_errors(browser, live_server, agency):
    context = _context(browser, live_server, elder=False, viewport="desktop")
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(f"{page.url}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"{page.url}: {exc}"))
    try:
        for path in PUBLIC_PAGES:
            page.goto(live_server.url + path)
            # the stylesheet applied (a CSP refusal would leave the header unstyled)
            colour = page.locator(".site-header").evaluate("h => getComputedStyle(h).backgroundColor")
            assert colour in ("rgb(179, 38, 30)", "rgb(31, 58, 95)"), (path, colour)
            if not path.startswith("/office/"):  # the office footer has no QR code
                assert page.locator(".page-qr img").evaluate("i => i.naturalWidth") > 0, path
    finally:
        context.close()
    # the 404 page logs its own status as a console error; anything else is a problem
    assert [e for e in errors if "404" not in e] == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_tab_reaches_the_skip_link_first_and_it_moves_focus_to_main(page, agency):
    page.goto(page.base_url + "/xxgk/")
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.className, document.activeElement.textContent]")
    assert focused == ["skip-link", "跳到主要内容"]
    assert page.locator(".skip-link").evaluate(
        "a => a.getBoundingClientRect().left >= 0"
    )  # shown when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    # the next stop is inside the main content, not back in the header
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_keyboard_reaches_search_elder_switch_and_every_section(page, agency):
    page.goto(page.base_url + "/")
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate(
                "(() => { const e = document.activeElement; return e.id || e.getAttribute('href') || e.textContent.trim(); })()"
            )
        )
    assert "site-search" in reached
    assert "适老模式：关" in reached
    for path in ["/xxgk/", "/zcjd/", "/hdjl/", "/sjfb/", "/bsfw/", "/xwfb/"]:
        assert path in reached


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_elder_mode_switches_with_the_keyboard_and_is_remembered(page, agency):
    page.goto(page.base_url + "/zcjd/")
    toggle = page.locator(".elder-toggle button")
    assert toggle.get_attribute("aria-pressed") == "false"
    base_size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    toggle.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == page.base_url + "/zcjd/"  # back on the same page
    assert page.locator(".elder-toggle button").get_attribute("aria-pressed") == "true"
    assert (
        page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") == base_size * 1.25
    )
    page.goto(page.base_url + "/sitemap/")  # remembered on the next page
    assert page.locator("body").evaluate("b => b.classList.contains('elder')")
    height = page.locator(".main-nav a").first.evaluate("a => a.getBoundingClientRect().height")
    assert height >= 44  # a large target (WCAG 2.5.5 AAA size) in the 适老 mode


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_print_view_has_no_navigation(page, agency):
    page.goto(page.base_url + "/xxgk/")
    page.emulate_media(media="print")
    for selector in [".main-nav", ".search-box", ".elder-toggle", ".breadcrumb", ".footer-links"]:
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("main h1").is_visible()
    assert page.locator(".print-only").is_visible()
