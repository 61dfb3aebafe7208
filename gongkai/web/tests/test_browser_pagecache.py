"""The main public path with the page cache on, in Chromium (issue 19, ADR 0043): a reader gets the
section page from the cache, switches 适老模式 on with the button (a post without a token, accepted
because the browser says it comes from this site) and gets the elder-mode copy, never the other
one; a withdrawn item is gone at once."""

import pytest
from django.core.cache import cache

from tests.browser.helpers import shot


@pytest.fixture
def page_cache_on(settings):
    settings.GONGKAI_PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_cached_pages_elder_mode_and_a_withdrawal_in_the_browser(
    page, page_cache_on, drafter, reviewer, approver, office_user
):
    from gongkai.catalogue import services
    from gongkai.publishing import services as publishing
    from gongkai.publishing.selectors import workflow_for

    item = services.create_item(
        actor=drafter, title="缓存浏览器测试公报", body="<p>全年情况。</p>", category="result"
    )
    workflow = workflow_for(item.revisions.get())
    publishing.submit(actor=drafter, workflow=workflow)
    publishing.pass_review(actor=reviewer, workflow=workflow)
    publishing.approve(actor=approver, workflow=workflow)

    first = page.goto(page.base_url + "/xxgk/catalogue/")
    assert first.headers.get("x-page-cache") == "miss"
    again = page.goto(page.base_url + "/xxgk/catalogue/")
    assert again.headers.get("x-page-cache") == "hit"
    assert page.get_by_text("缓存浏览器测试公报").count() == 1

    switch = page.get_by_role("button", name="适老模式")
    assert switch.get_attribute("aria-pressed") == "false"
    switch.click()
    page.wait_for_url("**/xxgk/catalogue/")
    assert "elder" in (page.locator("body").get_attribute("class") or "")
    assert page.get_by_role("button", name="适老模式").get_attribute("aria-pressed") == "true"
    elder = page.goto(page.base_url + "/xxgk/catalogue/")
    assert elder.headers.get("x-page-cache") == "hit"  # the elder-mode copy, stored on the way back
    assert "elder" in (page.locator("body").get_attribute("class") or "")
    shot(page, "page-cache-elder-mode")

    item.refresh_from_db()
    publishing.withdraw(actor=office_user, workflow=workflow_for(item.current_revision), reason="需要核实")
    page.goto(page.base_url + "/xxgk/catalogue/")
    assert page.get_by_text("缓存浏览器测试公报").count() == 0
