"""Must show (issue 18): a visitor on the city portal goes to an agency's site, stays inside it (links,
search box), widens the search to the whole city and narrows it by agency — in a real browser."""

import pytest

from gongkai.search import interface
from gongkai.search import services as search_services
from tests.browser.helpers import shot


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_city_portal_to_agency_site_and_back_to_city_search(
    page, two_sites, other_agency, settings, tmp_path
):
    settings.GONGKAI_SEARCH_DIR = str(tmp_path / "search")
    settings.GONGKAI_SEARCH_BACKEND = "tantivy"
    interface.reset_backends()
    search_services.reindex()
    other_agency.site_settings.site_name = "福州市发改委政府信息公开"
    other_agency.site_settings.save()

    page.goto(page.base_url + "/city/")
    assert page.locator("h1").inner_text() == "市政府信息公开"
    assert page.locator("text=发改委尚未公开的草稿").count() == 0
    shot(page, "city-1-portal")
    page.get_by_role("link", name="福州市发展和改革委员会", exact=True).click()
    page.wait_for_url("**/bm/fzfgw/")
    assert "福州市发改委政府信息公开" in page.locator(".site-name").inner_text()

    # every link of the agency's site stays inside it
    hrefs = page.eval_on_selector_all(".main-nav a", "els => els.map(e => e.getAttribute('href'))")
    assert hrefs and all(h.startswith("/bm/fzfgw/") for h in hrefs)

    # the search box searches the agency only …
    page.fill("#site-search", "财政预算")
    page.get_by_role("banner").get_by_role("button", name="搜索", exact=True).click()
    page.wait_for_url("**/bm/fzfgw/search/**")
    assert page.locator("text=发改委公开的项目批复").count() == 1
    assert page.locator("text=统计局公开的统计公报").count() == 0
    shot(page, "city-2-agency-search")

    # … unless the visitor chooses the whole city
    page.fill("#site-search", "财政预算")
    page.get_by_role("banner").get_by_role("button", name="全市搜索").click()
    page.wait_for_url("**/city/search/**")
    assert page.locator("text=发改委公开的项目批复").count() == 1
    assert page.locator("text=统计局公开的统计公报").count() == 1
    assert page.locator("text=尚未公开的草稿").count() == 0
    shot(page, "city-3-city-search")

    # the agency facet narrows, and a hit opens on its agency's own site
    page.locator(".search-filters").get_by_role("link", name="福州市发展和改革委员会").click()
    page.wait_for_url("**agency=fzfgw**")
    assert page.locator("text=统计局公开的统计公报").count() == 0
    page.get_by_role("link", name="发改委公开的项目批复").click()
    page.wait_for_url(f"**/bm/fzfgw/xxgk/items/{two_sites['theirs'].slug}/")
    assert page.locator("h1").first.inner_text().startswith("发改委公开的项目批复")
    interface.reset_backends()
