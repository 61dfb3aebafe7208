"""Must show (issue 11 items 22-24), on the real demo data at 390 px and 1366 px, in the default and the
适老 mode: no page scrolls sideways (long addresses wrap, wide tables scroll inside their focusable
box), a failed submission puts the focus on the first error, and an oversized form answers a Chinese
page from which the visitor returns to what they typed."""

import pytest

from tests.browser.helpers import shot

WIDTHS = {"390": {"width": 390, "height": 844}, "1366": {"width": 1366, "height": 768}}
MODES = [(w, elder) for w in WIDTHS for elder in (False, True)]


def _sweep_paths() -> list[str]:
    from gongkai.annual_reports.models import AnnualReport
    from gongkai.catalogue.models import InformationItem, Source
    from gongkai.consultations.models import Consultation
    from gongkai.opendata.models import Dataset, Release

    own = InformationItem.objects.filter(source=Source.OWN).exclude(slug="").order_by("id")
    higher = InformationItem.objects.filter(source=Source.HIGHER_LEVEL).exclude(slug="").first()
    bulletin = own.filter(revisions__title__contains="统计公报").first() or own.first()
    report = AnnualReport.objects.order_by("-year").first()
    wide = Dataset.objects.filter(code="census-fujian").first() or Dataset.objects.first()
    return [
        "/",
        "/xxgk/",
        "/xxgk/catalogue/",
        "/xxgk/superior/",
        "/xxgk/normative/",
        "/xxgk/basic-catalogue/",
        "/xxgk/guide/",
        "/xxgk/ysqgk/",
        f"/xxgk/items/{bulletin.slug}/",
        f"/xxgk/items/{higher.slug}/",
        f"/xxgk/ndbg/{report.year}/" if report else "/xxgk/ndbg/",
        "/zcjd/",
        "/sjfb/",
        "/sjfb/data/",
        f"/sjfb/data/{wide.code}/",
        "/sjfb/calendar/",
        f"/sjfb/releases/{Release.objects.order_by('id').first().pk}/",
        "/sjfb/catalogue/",
        "/sjfb/surveys/",
        "/hdjl/zqyj/",
        f"/hdjl/zqyj/{Consultation.objects.order_by('id').first().pk}/",
        "/hdjl/ly/",
        "/hdjl/ly/write/",
        "/hdjl/ly/recover/",
        "/sitemap/",
        "/search/?q=" + "统计公报" * 750,  # a 3,000-character query
        "/no-such-page/",
    ]


def _context(browser, live_server, width: str, elder: bool):
    context = browser.new_context(locale="zh-CN", viewport=WIDTHS[width])
    if elder:
        context.add_cookies([{"name": "gk_elder", "value": "1", "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(20000)
    return context, page


OVERFLOW = """() => {
  const doc = document.documentElement;
  const wide = [...document.querySelectorAll('body *')].filter(el => {
    const r = el.getBoundingClientRect();
    return r.right > doc.clientWidth + 1 && !el.closest('[role=region][tabindex], .visually-hidden, .skip-link');
  }).slice(0, 3).map(el => el.tagName + '.' + el.className + ' ' + (el.textContent || '').slice(0, 40));
  return [doc.scrollWidth - doc.clientWidth, wide];
}"""


@pytest.mark.browser
def test_no_page_scrolls_sideways_and_wide_tables_scroll_in_their_box(browser, live_server, demo):
    paths = _sweep_paths()
    problems = []
    for width, elder in MODES:
        mode = f"{width}-{'elder' if elder else 'default'}"
        context, page = _context(browser, live_server, width, elder)
        try:
            for path in paths:
                page.goto(live_server.url + path)
                overflow, culprits = page.evaluate(OVERFLOW)
                if overflow > 0:
                    problems.append(f"{mode} {path[:60]}: {overflow}px wider than the screen {culprits}")
                # every table sits in a focusable, named scroll region (the annual report's pattern)
                loose = page.evaluate(
                    "[...document.querySelectorAll('main table')].filter(t => !t.closest("
                    "'[role=region][tabindex=\"0\"][aria-label]')).map(t => t.className)"
                )
                if loose:
                    problems.append(f"{mode} {path[:60]}: tables outside a scroll region: {loose}")
            for path, name in [
                ("/sjfb/data/census-fujian/", "dataset"),
                ("/xxgk/catalogue/", "catalogue"),
                (paths[8], "bulletin"),
            ]:
                page.goto(live_server.url + path)
                shot(page, f"visitor-{name}-{mode}")
        finally:
            context.close()
    assert problems == []


@pytest.mark.browser
def test_the_first_error_is_focused_and_an_oversized_form_returns_to_what_was_typed(
    browser, live_server, demo
):
    from gongkai.consultations.models import Consultation

    consultation = Consultation.objects.order_by("id").first()
    for width, elder in MODES:
        mode = f"{width}-{'elder' if elder else 'default'}"
        context, page = _context(browser, live_server, width, elder)
        try:
            # an empty consultation comment: the page comes back with the focus in the comment box
            page.goto(f"{live_server.url}/hdjl/zqyj/{consultation.pk}/")
            page.get_by_role("button", name="提交意见").click()
            page.wait_for_selector(".has-error")
            assert page.evaluate("document.activeElement.id") == "id_body", mode
            assert page.locator("#id_body").is_visible()
            assert page.evaluate(
                "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
            )
            shot(page, f"visitor-first-error-{mode}")

            # the message form: the limit beside the field, and the first error focused (the title)
            page.goto(live_server.url + "/hdjl/ly/write/")
            assert page.locator("#id_body_count").inner_text() == "最多 5000 字，已输入 0 字。"
            page.fill("#id_body", "请问统计年鉴在哪里下载？")
            page.get_by_role("button", name="提交留言").click()
            page.wait_for_selector(".has-error")
            assert page.evaluate("document.activeElement.id") == "id_subject", mode
            assert page.locator("#id_body").input_value() == "请问统计年鉴在哪里下载？"  # kept

            # 3 MB typed past the browser's limit (a script can): the Chinese 413 page, then back
            page.fill("#id_subject", "很长的留言")
            page.evaluate("document.getElementById('id_body').value = '长'.repeat(1000000)")
            page.get_by_role("button", name="提交留言").click()
            page.wait_for_selector("h1:has-text('提交的内容过大')")
            body = page.locator("main").inner_text()
            assert "表单文字合计不能超过 2.5 MB" in body and "Bad Request" not in body
            assert "联系电话：0591-00000000" in body  # the contact the footer promises
            shot(page, f"visitor-413-{mode}")
            page.get_by_role("link", name="返回修改").click()
            page.wait_for_url("**/hdjl/ly/write/")
            assert page.locator("#id_subject").input_value() == "很长的留言"
            assert len(page.locator("#id_body").input_value()) == 1000000
        finally:
            context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_api_docs_render_from_local_files_under_the_csp(page, agency):
    """Issue 11 item 26: Swagger UI from the site's own static files, no CDN, no CSP refusal."""
    errors, outside = [], []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda req: outside.append(req.url) if not req.url.startswith(page.base_url) else None)
    page.goto(page.base_url + "/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "Gongkai" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock-tag").count() > 3  # the operations were read from openapi.json
    assert outside == [] and errors == []
    shot(page, "visitor-api-docs")
