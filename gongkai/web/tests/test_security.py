"""Security basics on every response (issue 2, site shell): CSP without inline code, nosniff,
referrer policy, frame protection, CSRF on the elder-mode form, no open redirects."""

import pytest
from django.test import Client

from .pages import PUBLIC_PAGES

EVERY_KIND = [*PUBLIC_PAGES, "/healthz", "/qr.svg?path=/xxgk/", "/office/", "/elder-mode/"]


def _directives(header: str) -> dict[str, list[str]]:
    out = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


@pytest.mark.django_db
@pytest.mark.parametrize("path", EVERY_KIND)
def test_every_response_carries_the_security_headers(client, agency, path):
    response = client.get(path)
    assert response.status_code in (200, 302, 404, 405), path
    csp = _directives(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_static_files_are_not_content_sniffed(client):
    # Static files are answered by whitenoise before the CSP middleware: they are not documents.
    response = client.get("/static/web/css/site.css")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_elder_toggle_requires_the_csrf_token(agency):
    client = Client(enforce_csrf_checks=True)
    refused = client.post("/elder-mode/", {"next": "/"})
    assert refused.status_code == 403
    assert "gk_elder" not in refused.cookies

    forged = client.post("/elder-mode/", {"next": "/"}, HTTP_ORIGIN="https://evil.example")
    assert forged.status_code == 403

    # The switch on every page carries no token (such a page could not be cached, ADR 0043): the
    # browser's Origin (or Sec-Fetch-Site) says the post comes from this site.
    accepted = client.post("/elder-mode/", {"next": "/xxgk/"}, HTTP_ORIGIN="http://testserver")
    assert accepted.status_code == 302
    assert accepted["Location"] == "/xxgk/"
    assert accepted.cookies["gk_elder"].value == "1"
    fetched = client.post("/elder-mode/", {"next": "/"}, HTTP_SEC_FETCH_SITE="same-origin")
    assert fetched.status_code == 302

    # A client that sends neither still may post with a valid token, as before.
    client.get("/hdjl/ly/write/")
    token = client.cookies["csrftoken"].value
    with_token = client.post("/elder-mode/", {"next": "/xxgk/", "csrfmiddlewaretoken": token})
    assert with_token.status_code == 302


@pytest.mark.django_db
def test_a_refused_csrf_token_gets_the_site_layout_without_inline_style(agency, rf):
    from gongkai.web.views.errors import csrf_failure

    request = rf.post("/elder-mode/")
    request.agency = agency
    request.user = None
    response = csrf_failure(request, reason="CSRF token missing.")
    assert response.status_code == 403
    html = response.content.decode()
    assert "页面已过期" in html
    assert "<style" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "http:evil.example",
        "javascript:alert(1)",
        " https://evil.example/",
    ],
)
def test_elder_toggle_refuses_open_redirects(client, agency, target):
    response = client.post("/elder-mode/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_elder_toggle_is_post_only(client, agency):
    assert client.get("/elder-mode/?next=/").status_code == 405


def test_session_and_csrf_cookies_are_secure_in_production_settings(monkeypatch):
    import importlib

    monkeypatch.setenv("GONGKAI_SECRET_KEY", "test-only")
    prod = importlib.import_module("config.settings.prod")
    assert prod.SESSION_COOKIE_SECURE is True
    assert prod.CSRF_COOKIE_SECURE is True
    assert prod.SESSION_COOKIE_HTTPONLY is True
