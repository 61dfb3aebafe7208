"""What a first visitor meets (issue 11 items 22-24, 26, 29): oversized posts and addresses answer a
Chinese page, error pages carry the footer's contact, tables scroll in a focusable box, the API docs
need no CDN, robots.txt, favicon, feed autodiscovery and the 党政机关网站标识 slot."""

import pytest
from django.test import Client

from gongkai.core.models import SiteSettings
from gongkai.web.middleware import DEFAULT_MAX_QUERY_STRING
from gongkai.web.templatetags.gongkai_web import scroll_tables

pytestmark = pytest.mark.django_db
CONTACT = '联系电话：<a href="tel:059100000000">0591-00000000</a>'


def _contacted(agency):
    SiteSettings.objects.filter(agency=agency).update(email="tjj@fuzhou.gov.cn", address="福州市鼓楼区")


# --- item 23: oversized requests -----------------------------------------------------------------


def test_a_ten_megabyte_form_field_answers_a_chinese_413_page(client, agency, settings):
    _contacted(agency)
    response = client.post(
        "/hdjl/ly/write/",
        {"subject": "大", "body": "字" * (10 * 1024 * 1024 // 3)},
        HTTP_REFERER="http://testserver/hdjl/ly/write/",
    )
    html = response.content.decode()
    assert response.status_code == 413
    assert '<h1 id="error-title">提交的内容过大</h1>' in html
    assert "表单文字合计不能超过 2.5 MB" in html  # DATA_UPLOAD_MAX_MEMORY_SIZE, Django's default
    assert '<a href="/hdjl/ly/write/" data-history-back data-restore-form>返回修改</a>' in html
    assert "Bad Request" not in html and CONTACT in html


def test_too_many_fields_answers_the_same_page(client, agency, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    response = client.post("/hdjl/ly/write/", {f"f{i}": "x" for i in range(20)})
    assert response.status_code == 413
    assert "提交的表单项过多（超过 10 项）" in response.content.decode()


@pytest.mark.urls("gongkai.web.tests.urls_boom")
def test_a_view_that_reads_a_too_large_body_ends_in_the_chinese_page(agency, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    client = Client(raise_request_exception=False)
    response = client.post("/reads-body/", data=b"x" * 1000, content_type="application/octet-stream")
    assert response.status_code == 413 and "提交的内容过大" in response.content.decode()


@pytest.mark.urls("gongkai.web.tests.urls_boom")
def test_400_is_a_chinese_page_with_the_contact(agency):
    response = Client(raise_request_exception=False).get("/bad/")
    html = response.content.decode()
    assert response.status_code == 400
    assert '<h1 id="error-title">请求有误</h1>' in html and CONTACT in html


def test_a_3000_character_search_keeps_the_first_100_and_says_so(client, agency):
    typed = "统计公报" * 750  # 3,000 characters, ~27,000 bytes in the address
    response = client.get("/search/", {"q": typed})
    html = response.content.decode()
    assert response.status_code == 200
    assert "搜索词过长：最多 100 个字，已按前 100 个字搜索。" in html
    assert f'value="{typed[:100]}"' in html


def test_an_address_beyond_the_limit_answers_414_in_chinese(client, agency):
    response = client.get("/xxgk/catalogue/", {"q": "x" * (DEFAULT_MAX_QUERY_STRING + 1)})
    html = response.content.decode()
    assert response.status_code == 414
    assert '<h1 id="error-title">网址过长</h1>' in html and "URI Too Long" not in html
    api = client.get("/api/v1/documents", {"q": "x" * (DEFAULT_MAX_QUERY_STRING + 1)})
    assert api.status_code == 414 and api["Content-Type"] == "application/problem+json"
    assert api.json()["title"] == "网址过长"


def test_gunicorn_lets_long_addresses_through_to_django():
    from pathlib import Path

    run = (Path(__file__).resolve().parents[3] / "scripts" / "run.sh").read_text()
    assert "--limit-request-line 0" in run  # gunicorn's own 4094-byte limit answers in English


def test_a_field_over_its_limit_says_so_beside_the_field(client, agency):
    response = client.post(
        "/hdjl/ly/write/", {"category": "suggestion", "subject": "题" * 101, "body": "建议" * 10}
    )
    html = response.content.decode()
    assert response.status_code == 400
    field = html.split('id="id_subject"')[1].split("</div>")[0]
    assert "100" in field and "101" in field and 'class="errorlist"' in field  # the limit, beside it
    assert "题" * 101 in html  # what was typed is kept


# --- item 24: error pages carry the contact the footer promises -----------------------------------


def test_404_and_403_pages_show_the_contact(client, agency):
    _contacted(agency)
    html = client.get("/no-such-page/").content.decode()
    assert CONTACT in html and "mailto:tjj@fuzhou.gov.cn" in html and "地址：福州市鼓楼区" in html


@pytest.mark.urls("gongkai.web.tests.urls_boom")
def test_the_500_page_shows_the_contact_when_the_database_answers(agency):
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500 and CONTACT in response.content.decode()


def test_every_page_loads_the_form_script(client, agency):
    html = client.get("/").content.decode()
    assert '<script src="/static/web/js/forms.js" defer></script>' in html


# --- item 22: wide tables scroll in a focusable box ---------------------------------------------


def test_body_tables_are_put_in_a_focusable_scroll_box():
    html = "<p>表1</p><table><tr><td><table><tr><td>1</td></tr></table></td></tr></table><table></table>"
    out = str(scroll_tables(html))
    assert out.count('role="region"') == 2 and out.count('tabindex="0"') == 2
    assert 'aria-label="正文表格1（可左右滚动）"><table><tr><td><table>' in out
    assert out.endswith('aria-label="正文表格2（可左右滚动）"><table></table></div>')
    assert str(scroll_tables("<table><tr><td>未闭合")).endswith("</div>")
    assert str(scroll_tables("")) == ""


# --- item 26: API docs without a CDN ------------------------------------------------------------


def test_the_api_docs_page_uses_local_swagger_ui(client, agency):
    response = client.get("/api/v1/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<script src="/static/ninja/swagger-ui-bundle.js"></script>' in html
    assert "cdn" not in html.lower() and '<html lang="zh-CN">' in html
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200


# --- item 29: robots, favicon, feeds, 党政机关网站标识 --------------------------------------------


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_office(client, agency):
    response = client.get("/robots.txt")
    body = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"] == "text/plain; charset=utf-8"
    assert "User-agent: *\nDisallow: /office/\n" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_favicon(client, agency):
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"] == "/static/web/favicon.ico"
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/web/favicon.svg" type="image/svg+xml">' in html


def test_every_public_page_announces_the_feeds(client, agency):
    html = client.get("/sitemap/").content.decode()
    head = html.split("</head>")[0]
    assert (
        '<link rel="alternate" type="application/rss+xml" title="最新政府信息" href="/xxgk/feed/rss/">'
        in head
    )
    assert 'title="政策解读" href="/zcjd/feed/rss/"' in head and 'href="/hdjl/zqyj/feed/"' in head


def test_the_government_site_mark_slot_in_the_footer(client, agency):
    assert "党政机关网站标识" not in client.get("/").content.decode()  # nothing until configured
    SiteSettings.objects.filter(agency=agency).update(
        conac_mark_url="https://bszs.conac.cn/sitename?method=show&id=1"
    )
    html = client.get("/").content.decode()
    assert (
        '<a class="gov-mark" href="https://bszs.conac.cn/sitename?method=show&amp;id=1" rel="noopener">党政机关网站标识</a>'
        in html
    )
    SiteSettings.objects.filter(agency=agency).update(conac_mark_image="/media/site/conac.png")
    html = client.get("/").content.decode()
    assert '<img src="/media/site/conac.png" alt="党政机关网站标识" width="55" height="68">' in html


def test_the_mark_image_must_be_on_this_site():
    from django.core.exceptions import ValidationError

    from gongkai.core.models import validate_local_path

    validate_local_path("/media/site/conac.png")
    for outside in ("https://dcs.conac.cn/image/red.png", "//dcs.conac.cn/red.png", "red.png"):
        with pytest.raises(ValidationError):
            validate_local_path(outside)
