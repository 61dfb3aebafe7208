"""Agency sites (issue 18 item 1): resolution by path and host, links kept inside the site, and no page,
API, feed or sitemap of one agency's site showing another agency's records."""

import pytest
from django.test import Client

from gongkai.core import sites
from gongkai.core.selectors import public_agency


@pytest.mark.django_db
def test_single_agency_shows_no_tenancy(client, agency):
    home = client.get("/")
    assert home.status_code == 200
    assert "全市搜索" not in home.text
    assert "/bm/" not in home.text
    assert client.get("/city/").status_code == 404


@pytest.mark.django_db
def test_unknown_agency_path_is_404(client, agency):
    assert client.get("/bm/nosuch/").status_code == 404


@pytest.mark.django_db
def test_path_without_slash_redirects(client, agency, other_agency):
    response = client.get("/bm/fzfgw")
    assert response.status_code == 301 and response["Location"] == "/bm/fzfgw/"


@pytest.mark.django_db
def test_agency_site_under_path_keeps_links_inside(client, two_sites, other_agency):
    other_agency.site_settings.site_name = "福州市发改委政府信息公开"
    other_agency.site_settings.save()
    page = client.get("/bm/fzfgw/")
    assert page.status_code == 200
    assert "福州市发改委政府信息公开" in page.text
    assert 'action="/bm/fzfgw/search/"' in page.text
    assert 'href="/bm/fzfgw/xxgk/' in page.text
    # the search box offers the whole city as a choice
    assert 'formaction="/city/search/"' in page.text


@pytest.mark.django_db
def test_item_pages_are_per_agency(client, two_sites):
    mine, theirs, draft = two_sites["mine"], two_sites["theirs"], two_sites["draft"]
    assert client.get(f"/bm/fzfgw/xxgk/items/{theirs.slug}/").status_code == 200
    assert client.get(f"/xxgk/items/{mine.slug}/").status_code == 200
    # another agency's item is not found on this site, at the root or under the path
    assert client.get(f"/bm/fzfgw/xxgk/items/{mine.slug}/").status_code == 404
    assert client.get(f"/xxgk/items/{theirs.slug}/").status_code == 404
    if draft.slug:
        assert client.get(f"/bm/fzfgw/xxgk/items/{draft.slug}/").status_code == 404


@pytest.mark.django_db
def test_lists_feeds_sitemaps_and_api_are_per_agency(client, two_sites):
    for path in ("/bm/fzfgw/xxgk/catalogue/", "/bm/fzfgw/xxgk/feed/rss/", "/bm/fzfgw/sitemap.xml"):
        body = client.get(path).content.decode()
        assert "发改委公开的项目批复" in body or two_sites["theirs"].slug in body, path
        assert "统计局公开的统计公报" not in body and two_sites["mine"].slug not in body, path
        assert "尚未公开的草稿" not in body, path
    feed = client.get("/bm/fzfgw/xxgk/feed/rss/").content.decode()
    assert f"/bm/fzfgw/xxgk/items/{two_sites['theirs'].slug}/" in feed
    sitemap = client.get("/bm/fzfgw/sitemap.xml").content.decode()
    assert f"/bm/fzfgw/xxgk/items/{two_sites['theirs'].slug}/" in sitemap
    root = client.get("/xxgk/catalogue/").content.decode()
    assert "统计局公开的统计公报" in root and "发改委公开的项目批复" not in root

    api = client.get("/bm/fzfgw/api/v1/documents").json()
    titles = [d["title"] for d in api["items"]] if "items" in api else str(api)
    assert "发改委公开的项目批复" in str(titles)
    assert "统计局公开的统计公报" not in str(titles) and "草稿" not in str(titles)
    api_root = client.get("/api/v1/documents").json()
    assert "发改委公开的项目批复" not in str(api_root)


@pytest.mark.django_db
def test_agency_on_its_own_host(settings, two_sites, other_agency):
    settings.ALLOWED_HOSTS = ["fgw.fuzhou.gov.cn", "testserver"]
    other_agency.site_host = "fgw.fuzhou.gov.cn"
    other_agency.save()
    host = Client(HTTP_HOST="fgw.fuzhou.gov.cn")
    page = host.get("/xxgk/catalogue/")
    assert page.status_code == 200
    assert "发改委公开的项目批复" in page.text and "统计局公开的统计公报" not in page.text
    # links on a host site are at its root
    assert 'action="/search/"' in page.text
    # another agency's path is not served on this host
    assert host.get("/bm/fzstats/").status_code == 404
    # the platform links to the host
    assert sites.agency_url(other_agency, "catalogue:guide") == "https://fgw.fuzhou.gov.cn/xxgk/guide/"


@pytest.mark.django_db
def test_resolution_is_memoised(client, two_sites, django_assert_max_num_queries):
    client.get("/bm/fzfgw/")  # warm the memo
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get("/healthz")
    assert not any("core_agency" in q["sql"] and "is_active" in q["sql"] for q in queries.captured_queries)


@pytest.mark.django_db
def test_public_agency_follows_the_request(rf, agency, other_agency):
    from gongkai.core.sites import SiteMiddleware

    seen = {}

    def view(request):
        seen["agency"] = public_agency()
        seen["path"] = request.path_info
        from django.http import HttpResponse

        return HttpResponse()

    SiteMiddleware(view)(rf.get("/bm/fzfgw/xxgk/guide/"))
    assert seen == {"agency": other_agency, "path": "/xxgk/guide/"}
    assert public_agency() == agency  # outside a request: the default
