"""A published report's page (three wide tables) passes axe-core in both modes at both widths and
never makes the page itself scroll sideways (the tables scroll inside their own box)."""

import pytest

from tests.browser.test_accessibility import AXE, WCAG21_AA, _context, _readable


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
@pytest.mark.parametrize("elder", [False, True], ids=["default", "elder"])
def test_report_page_is_accessible_and_fits_the_screen(
    browser, live_server, make_report, publish, elder, viewport
):
    publish(make_report(2025))
    context = _context(browser, live_server, elder=elder, viewport=viewport, bypass_csp=True)
    page = context.new_page()
    try:
        for path in ("/xxgk/ndbg/", "/xxgk/ndbg/2025/"):
            page.goto(live_server.url + path)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} is {overflow}px wider than the {viewport} screen"
            page.add_script_tag(path=str(AXE))
            result = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
                WCAG21_AA,
            )
            assert len(result["passes"]) > 10, path
            assert not result["violations"], _readable(path, result["violations"])
    finally:
        context.close()
