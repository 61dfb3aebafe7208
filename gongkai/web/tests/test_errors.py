"""Error pages in the site layout; the 500 page renders without the database."""

import pytest
from django.test import Client

from gongkai.web.views import errors


@pytest.mark.django_db
def test_404_page_is_in_the_site_layout(client, agency):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<h1 id="error-title">页面不存在</h1>' in html
    assert 'aria-label="主导航"' in html
    assert "福州市统计局" in html  # footer from site settings


@pytest.mark.django_db
@pytest.mark.urls("gongkai.web.tests.urls_boom")
def test_403_page_shows_the_reason(client, agency):
    response = client.get("/denied/")
    assert response.status_code == 403
    assert "只有政务公开办可以查看此页面。" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.urls("gongkai.web.tests.urls_boom")
def test_500_page_is_in_the_site_layout_and_keeps_the_security_headers(agency):
    client = Client(raise_request_exception=False)
    client.cookies["gk_elder"] = "1"
    response = client.get("/boom/")
    html = response.content.decode()
    assert response.status_code == 500
    assert '<h1 id="error-title">服务器错误</h1>' in html
    assert '<body class="elder portal">' in html
    assert 'href="/xxgk/">政府信息公开</a>' in html
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_500_page_needs_no_database(rf):
    # No django_db mark: pytest-django makes any database access in this test raise.
    response = errors.server_error(rf.get("/anything/"))
    assert response.status_code == 500
    assert "服务器错误" in response.content.decode()


def test_500_page_falls_back_to_a_fixed_page_when_templates_fail(rf, monkeypatch):
    def broken(name):
        raise OSError("disk gone")

    monkeypatch.setattr(errors.loader, "get_template", broken)
    response = errors.server_error(rf.get("/"))
    assert response.status_code == 500
    assert response.content.decode() == errors.FALLBACK_500
