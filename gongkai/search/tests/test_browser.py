"""Search from the home page's header box, narrow to one type, open a result."""

from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_search_from_the_home_page_filter_by_type_and_open_a_result(page, indexed):
    page.goto(page.base_url + "/")
    page.fill("#site-search", "国办发[2019]6号")
    page.press("#site-search", "Enter")
    page.wait_for_url("**/search/?q=*")
    first = page.locator(".hit").first
    assert "国办发〔2019〕6号" in first.inner_text()
    assert "文号/索引号完全匹配" in first.inner_text()

    page.fill("#search-page-q", "职业教育")
    page.click("form.search-page-form button[type=submit]")
    page.wait_for_selector(".type-groups")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search-results.png"), full_page=True)
    page.click(".type-groups a:has-text('测试新闻')")
    page.wait_for_url("**type=testnews*")
    page.screenshot(path=str(ARTIFACTS / "search-results-news.png"), full_page=True)
    titles = page.locator(".hit-title").all_inner_texts()
    assert titles == ["职业教育改革新闻发布会答记者问"]

    page.click(".hit-title a")
    page.wait_for_url(page.base_url + "/")
    assert page.locator("#site-search").count() == 1
