"""The city portal (issue 18 item 2): directory, city-wide latest lists and search — published records
only, each linked into its own agency's site."""

import pytest

from gongkai.search import interface
from gongkai.search import services as search_services


@pytest.fixture
def city_search(settings, tmp_path):
    settings.GONGKAI_SEARCH_DIR = str(tmp_path / "search")
    settings.GONGKAI_SEARCH_BACKEND = "tantivy"
    interface.reset_backends()
    yield
    interface.reset_backends()


@pytest.mark.django_db
def test_directory_links_each_agency_site(client, two_sites, other_agency):
    other_agency.kind = other_agency.Kind.CITY_DEPARTMENT
    other_agency.save()
    page = client.get("/city/")
    assert page.status_code == 200
    assert "市政府部门" in page.text
    for path in (
        "/bm/fzfgw/xxgk/guide/",
        "/bm/fzfgw/xxgk/catalogue/",
        "/bm/fzfgw/xxgk/ndbg/",
        "/bm/fzfgw/xxgk/ysqgk/",
    ):
        assert f'href="{path}"' in page.text
    # the default agency lives at the root
    assert 'href="/xxgk/guide/"' in page.text


@pytest.mark.django_db
def test_city_latest_shows_only_published_records(client, two_sites):
    page = client.get("/city/").text
    assert "统计局公开的统计公报" in page
    assert "发改委公开的项目批复" in page
    assert "尚未公开的草稿" not in page
    assert f'href="/bm/fzfgw/xxgk/items/{two_sites["theirs"].slug}/"' in page
    assert f'href="/xxgk/items/{two_sites["mine"].slug}/"' in page


@pytest.mark.django_db
def test_city_portal_only_at_platform_root(client, two_sites):
    response = client.get("/bm/fzfgw/city/")
    assert response.status_code == 302 and response["Location"] == "/city/"


@pytest.mark.django_db
def test_closed_agency_leaves_directory_and_site(client, two_sites, other_agency):
    other_agency.is_active = False
    other_agency.save()
    assert client.get("/bm/fzfgw/").status_code == 404
    # one agency left: no city portal
    assert client.get("/city/").status_code == 404


@pytest.mark.django_db
def test_city_search_ranks_all_agencies_with_agency_facet(client, two_sites, city_search):
    search_services.reindex()
    page = client.get("/city/search/", {"q": "财政预算"})
    assert page.status_code == 200
    text = page.text
    assert "统计局公开的统计公报" in text and "发改委公开的项目批复" in text
    assert "尚未公开的草稿" not in text
    # each hit links into its own agency's site; the facet names both agencies
    assert f"/bm/fzfgw/xxgk/items/{two_sites['theirs'].slug}/" in text
    assert "agency=fzfgw" in text
    narrowed = client.get("/city/search/", {"q": "财政预算", "agency": "fzfgw"}).text
    assert "发改委公开的项目批复" in narrowed and "统计局公开的统计公报" not in narrowed


@pytest.mark.django_db
def test_agency_search_stays_inside_the_agency(client, two_sites, city_search):
    search_services.reindex()
    text = client.get("/bm/fzfgw/search/", {"q": "财政预算"}).text
    assert "发改委公开的项目批复" in text
    assert "统计局公开的统计公报" not in text and "尚未公开的草稿" not in text
    assert f'href="/bm/fzfgw/xxgk/items/{two_sites["theirs"].slug}/"' in text
    api = client.get("/bm/fzfgw/api/v1/search", {"q": "财政预算"}).json()
    urls = [r["url"] for r in api["results"]]
    assert urls and all("/bm/fzfgw/" in u for u in urls)
    assert "统计局公开的统计公报" not in str(api)


@pytest.mark.django_db
def test_agencies_api_lists_active_agencies_with_their_sites(client, two_sites, other_agency):
    data = client.get("/api/v1/agencies").json()
    codes = {a["code"]: a for a in data["agencies"]}
    assert set(codes) == {"fzstats", "fzfgw"}
    assert codes["fzfgw"]["site"].endswith("/bm/fzfgw/")
    assert codes["fzfgw"]["links"]["依申请公开"].endswith("/bm/fzfgw/xxgk/ysqgk/")
    assert data["city_portal"].endswith("/city/")
    assert client.get("/api/v1/agencies/nosuch").status_code == 404
    other_agency.is_active = False
    other_agency.save()
    assert client.get("/api/v1/agencies/fzfgw").status_code == 404


@pytest.mark.django_db
def test_the_city_request_entry_wears_the_city_portal(client, two_sites):
    """/ysqgk/ is the city's one request entry: the portal's title, navigation and breadcrumb, not the
    default agency's site."""
    for path in ("/ysqgk/", "/ysqgk/which-agency/?q=统计"):
        page = client.get(path)
        assert page.status_code == 200
        assert "- 市政府门户·政府信息公开</title>" in page.text
        assert 'href="/ysqgk/" aria-current="page">依申请公开</a>' in page.text
        assert '<li><a href="/city/">首页</a></li>' in page.text
        assert "全市搜索" in page.text
