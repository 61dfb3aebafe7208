"""The public path of the shared 上级文件 column (issue 18 item 4), in a real browser: a visitor of 鼓楼区's
site finds the city government's policy in its 上级文件 column and opens it where it is stored; after
the city withdraws it, the column no longer lists it — with the page cache on."""

import pytest
from django.core.cache import cache

from tests.browser.helpers import shot

from .column_fixtures import CITY_POLICY, withdraw


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_agency_sites_superior_column_shows_the_city_policy_until_it_is_withdrawn(
    page, agency, city, district, city_policy, settings
):
    settings.GONGKAI_PAGE_CACHE = True  # the withdrawal must also end every agency's cached pages
    cache.clear()
    page.goto(page.base_url + "/bm/gulou/")
    page.locator(".main-nav").get_by_role("link", name="政府信息公开").click()
    page.wait_for_url("**/bm/gulou/xxgk/")
    page.get_by_role("link", name="上级文件", exact=True).click()
    page.wait_for_url("**/bm/gulou/xxgk/higher-level/")
    assert page.locator("h1").inner_text() == "上级文件"
    assert page.get_by_role("link", name=CITY_POLICY).count() == 1
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "columns-1-superior-390")
    page.set_viewport_size({"width": 1366, "height": 900})
    shot(page, "columns-2-superior-1366")
    page.reload()  # served from the page cache now
    assert page.get_by_role("link", name=CITY_POLICY).count() == 1

    page.get_by_role("link", name=CITY_POLICY).click()
    page.wait_for_url(f"**/bm/fzszfb/xxgk/items/{city_policy.slug}/")  # stored once, at the city's site

    withdraw(city_policy, reason="已被新文件替代")
    page.goto(page.base_url + "/bm/gulou/xxgk/higher-level/")
    assert page.get_by_role("link", name=CITY_POLICY).count() == 0
    assert "本栏目暂无公开信息" in page.locator("main").inner_text()
    shot(page, "columns-3-after-withdrawal")
    cache.clear()
