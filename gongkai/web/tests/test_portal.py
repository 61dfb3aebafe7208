"""The public shell: home page, section pages, site map, search placeholder, elder mode, QR, health."""

import pytest
import segno
from django.test import Client

from gongkai.web import home, sections
from gongkai.web.sections import SECTIONS, Column, Section


# --- home ------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_home_page_is_chinese_and_shows_the_empty_state_when_nothing_is_published(client, agency):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>福州市统计局政务公开平台</title>" in html
    assert "暂无已发布的信息。" in html
    assert 'aria-label="当前位置"' not in html  # no breadcrumb on the home page
    for section in SECTIONS:
        assert f'href="{section.path}"' in html


def fake_blocks(agency):
    return [
        {"title": "通知公告", "items": [("关于调整统计数据发布日程的通知", "/xxgk/1/", None)], "order": 2},
        home.HomeBlock("统计数据", [], more_url="/sjfb/", empty_text="暂无统计数据。", order=1),
    ]


def broken_blocks(agency):
    raise RuntimeError("boom")


@pytest.mark.django_db
def test_home_blocks_come_from_the_registered_providers_in_order(client, agency, monkeypatch):
    monkeypatch.setattr(
        home,
        "HOME_BLOCK_PROVIDERS",
        [
            "gongkai.web.tests.test_portal.broken_blocks",
            "gongkai.web.tests.test_portal.fake_blocks",
        ],
    )
    html = client.get("/").content.decode()
    assert html.index("统计数据") < html.index("通知公告")
    assert '<a href="/xxgk/1/">关于调整统计数据发布日程的通知</a>' in html
    assert "暂无统计数据。" in html
    assert '<a href="/sjfb/">更多统计数据</a>' in html
    assert "暂无已发布的信息。" not in html


def test_home_blocks_accept_objects_and_mappings():
    block = home.HomeBlock.coerce({"title": "新闻", "items": [["标题", "/x/", None]]})
    assert block == home.HomeBlock("新闻", [("标题", "/x/", None)], "", "暂无发布内容。", 100)


# --- sections and the site map --------------------------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize("section", SECTIONS, ids=[s.slug for s in SECTIONS])
def test_each_section_page_lists_its_columns_without_dead_links(client, agency, section):
    response = client.get(section.path)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{section.label}</h1>" in html
    assert f'<a href="{section.path}" aria-current="page">{section.label}</a>' in html  # main navigation
    for column in section.columns:
        url = sections.resolve(column.url_name)
        assert url, f"{column.label}: no page — an empty column fails 国办秘函〔2019〕19号"
        assert f'<a class="column-title" href="{url}">{column.label}</a>' in html
    assert "建设中" not in html


@pytest.mark.django_db
def test_a_column_without_a_page_is_never_shown_as_under_construction(client, agency, monkeypatch):
    built = Section(
        "xxgk",
        "政府信息公开",
        "说明",
        (
            Column("网站地图式目录", "portal:sitemap", "已建成的栏目"),
            Column("尚未建成", "catalogue:does_not_exist"),
        ),
    )
    from gongkai.catalogue import columns
    from gongkai.core import site_map

    for module in (sections, site_map, columns):  # the agency's columns start from the site map (ADR 0050)
        monkeypatch.setattr(module, "SECTIONS", (built,))
    html = client.get("/xxgk/").content.decode()
    assert '<a class="column-title" href="/sitemap/">网站地图式目录</a>' in html
    assert "尚未建成" not in html and "建设中" not in html


@pytest.mark.django_db
def test_site_map_lists_every_section_and_column(client, agency):
    html = client.get("/sitemap/").content.decode()
    for section in SECTIONS:
        assert f'<a href="{section.path}">{section.label}</a>' in html
        for column in section.columns:
            assert column.label in html


@pytest.mark.django_db
def test_breadcrumb_of_a_section_page_names_the_section(client, agency):
    html = client.get("/zcjd/").content.decode()
    assert '<li><a href="/">首页</a></li>' in html
    assert '<li><span aria-current="page">政策解读</span></li>' in html


# --- search (the placeholder; the search app mounts its own /search/ in front of it) ------------------
@pytest.mark.django_db
@pytest.mark.urls("gongkai.web.tests.urls_shell")
def test_search_echoes_the_query_escaped_and_says_nothing_is_indexed(client, agency):
    html = client.get("/search/", {"q": "  <script>统计</script>  公报 "}).content.decode()
    assert "“&lt;script&gt;统计&lt;/script&gt; 公报”的搜索结果" in html
    assert "<script>统计" not in html
    assert "本站尚未建立全文检索索引" in html


@pytest.mark.django_db
@pytest.mark.urls("gongkai.web.tests.urls_shell")
def test_search_without_a_query_invites_one_and_long_queries_are_cut(client, agency):
    assert "请输入要查找的政策、文件或数据名称。" in client.get("/search/").content.decode()
    html = client.get("/search/", {"q": "统" * 500}).content.decode()
    assert "统" * 100 + "”的搜索结果" in html
    assert "统" * 101 not in html


# --- elder mode ------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_elder_mode_is_switched_on_and_off_and_remembered(agency):
    client = Client()
    off = client.get("/xxgk/").content.decode()
    assert 'aria-pressed="false">适老模式' in off
    assert '<body class="portal">' in off

    response = client.post("/elder-mode/", {"next": "/xxgk/?page=2"})
    assert response["Location"] == "/xxgk/?page=2"
    cookie = response.cookies["gk_elder"]
    assert cookie.value == "1"
    assert cookie["max-age"] == 365 * 24 * 3600
    assert cookie["httponly"] is True
    on = client.get("/sitemap/").content.decode()
    assert 'aria-pressed="true">适老模式' in on
    assert '<body class="elder portal">' in on

    client.post("/elder-mode/", {"next": "/"})
    assert 'aria-pressed="false"' in client.get("/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/xxgk/", "/sitemap/", "/search/", "/no-such-page/", "/office/login/"])
def test_elder_switch_is_on_every_page_and_returns_to_it(client, agency, path):
    html = client.get(path).content.decode()
    assert '<form method="post" action="/elder-mode/" class="elder-toggle">' in html
    assert f'<input type="hidden" name="next" value="{path}">' in html


# --- QR code and health ----------------------------------------------------------------------------
def _svg_for(url: str) -> bytes:
    import io

    out = io.BytesIO()
    segno.make(url, error="m").save(
        out,
        kind="svg",
        scale=3,
        dark="#1f2d3d",
        light="#ffffff",
        omitsize=True,
        xmldecl=False,
        svgclass=None,
        lineclass=None,
    )
    return out.getvalue()


@pytest.mark.django_db
def test_qr_code_encodes_the_page_of_this_site(client, agency):
    response = client.get("/qr.svg", {"path": "/xxgk/?year=2026"})
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b'<svg xmlns="http://www.w3.org/2000/svg"')
    assert response.content == _svg_for("http://testserver/xxgk/?year=2026")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["https://evil.example/", "//evil.example/x", "evil.example", "", "http:/x"])
def test_qr_code_refuses_other_sites_and_falls_back_to_the_home_page(client, agency, path):
    assert client.get("/qr.svg", {"path": path}).content == _svg_for("http://testserver/")


@pytest.mark.django_db
def test_healthz_reports_the_database(client):
    from django.db import connection

    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": {"status": "ok", "vendor": connection.vendor}}


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_fails(client, monkeypatch):
    from django.db import OperationalError, connection

    def broken_cursor(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "database": {"status": "error", "vendor": connection.vendor, "error": "OperationalError"},
    }


def slotted_blocks(agency):
    return [
        {"title": "最新政府信息", "items": [("2025年统计公报", "/xxgk/items/a/", None)], "slot": "news"},
        {
            "title": "数据发布日程",
            "items": [("12月14日 09:30 居民消费价格", "/sjfb/calendar/", None)],
            "slot": "data",
        },
        {
            "title": "正在征求意见",
            "items": [],
            "slot": "interaction",
            "empty_text": "目前没有正在征求意见的草案。",
        },
        {"title": "未知栏位", "items": [], "slot": "elsewhere"},
    ]


@pytest.mark.django_db
def test_home_places_blocks_in_their_slots_with_the_search_and_data_links(client, agency, monkeypatch):
    monkeypatch.setattr(home, "HOME_BLOCK_PROVIDERS", ["gongkai.web.tests.test_portal.slotted_blocks"])
    html = client.get("/").content.decode()
    news, data, interaction = (
        html.index('<h2 id="latest-title"'),
        html.index('<h2 id="data-title"'),
        html.index('<h2 id="interaction-title"'),
    )
    assert (
        news
        < html.index("2025年统计公报")
        < html.index("未知栏位")
        < data
        < html.index("12月14日 09:30")
        < interaction
    )
    assert html.index("目前没有正在征求意见的草案。") > interaction
    assert (
        '<form class="hero-search" role="search" aria-label="全站检索" action="/search/" method="get">'
        in html
    )
    assert '<a href="/search/?q=%E7%BB%9F%E8%AE%A1%E5%85%AC%E6%8A%A5">统计公报</a>' in html
    assert '<span class="data-link-label">统计数据库</span>' in html
    assert "暂无已发布的信息。" not in html
