"""What a page-cache miss keeps per generation (issue 19 item 1, ADR 0056): with the page cache on but not
serving (`GONGKAI_PAGE_CACHE_SERVE = False`, every page rendered — the benchmark's "uncached"), the data
and layout fragments kept in the process never show a withdrawn item, an old site name or the other
display mode, and never outlive a stored page."""

import pytest
from django.core.cache import cache
from django.test import Client

from gongkai.accounts.services import update_site_settings
from gongkai.core import pagecache

from .test_pagecache import public_item  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db(transaction=True)
TITLE = "2025年统计公报（缓存）"


@pytest.fixture(autouse=True)
def rendering_every_time(settings):
    settings.GONGKAI_PAGE_CACHE = True
    settings.GONGKAI_PAGE_CACHE_SERVE = False
    cache.clear()
    pagecache._memo.clear()
    yield
    cache.clear()
    pagecache._memo.clear()


def html(client, path):
    response = client.get(path)
    assert "X-Page-Cache" not in response or response["X-Page-Cache"] != "hit"
    return response.status_code, response.content.decode()


def test_a_withdrawn_item_leaves_every_kept_list_at_once(client, public_item, office_user):  # noqa: F811
    from gongkai.publishing import services as publishing
    from gongkai.publishing.selectors import workflow_for

    paths = ["/xxgk/catalogue/", "/sitemap.xml", "/xxgk/feed/rss/", "/xxgk/feed/atom/"]
    item_path = f"/xxgk/items/{public_item.slug}/"
    for _ in range(2):  # the second time from the memo
        assert html(client, item_path) == (200, html(client, item_path)[1])
        for path in paths:
            status, body = html(client, path)
            assert status == 200 and (TITLE in body or public_item.slug in body), path

    publishing.withdraw(
        actor=office_user, workflow=workflow_for(public_item.current_revision), reason="内容需要核实"
    )
    status, body = html(client, item_path)
    assert status == 410 and "内容需要核实" in body
    for path in paths:
        status, body = html(client, path)
        assert status == 200 and TITLE not in body and public_item.slug not in body, path


def test_the_layout_fragments_follow_the_settings_and_the_display_mode(client, agency, admin_user):
    assert "福州市统计局政务公开平台" in html(client, "/xxgk/")[1]
    assert "福州市统计局政务公开平台" in html(client, "/xxgk/")[1]
    update_site_settings(actor=admin_user, agency=agency, site_name="福州统计开放门户")
    body = html(client, "/xxgk/")[1]
    assert "福州统计开放门户" in body and "福州市统计局政务公开平台" not in body

    assert 'aria-pressed="false"' in html(client, "/zcjd/")[1]
    elder = Client()
    elder.cookies["gk_elder"] = "1"
    assert 'aria-pressed="true"' in html(elder, "/zcjd/")[1]
    assert 'aria-pressed="false"' in html(client, "/zcjd/")[1]


def test_the_per_request_parts_of_the_layout_are_not_kept(client, agency):
    first = html(client, "/xxgk/?page=2")[1]
    second = html(client, "/zcjd/")[1]
    assert 'name="next" value="/xxgk/?page=2"' in first and "path=/xxgk/%3Fpage%3D2" in first
    assert 'name="next" value="/zcjd/"' in second and "path=/zcjd/" in second
    assert 'aria-current="page">政策解读' in second and 'aria-current="page">政府信息公开' in first


def test_a_kept_value_never_outlives_a_stored_page(settings):
    calls = []
    token = pagecache._generation.set("g1")
    try:
        settings.GONGKAI_PAGE_CACHE_SECONDS = 300
        assert pagecache.memoised("k", lambda: calls.append(1) or len(calls)) == 1
        assert pagecache.memoised("k", lambda: calls.append(1) or len(calls)) == 1
        settings.GONGKAI_PAGE_CACHE_SECONDS = 0  # a stored page would have expired
        assert pagecache.memoised("k2", lambda: calls.append(1) or len(calls)) == 2
        assert pagecache.memoised("k2", lambda: calls.append(1) or len(calls)) == 3
    finally:
        pagecache._generation.reset(token)
