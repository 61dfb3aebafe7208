"""Sweeps over every URL: the office refuses anonymous users and staff without a role."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

OPEN_OFFICE_PATHS = {"/office/login/", "/office/logout/"}
SAMPLE = {"int": "1", "str": "x", "slug": "x", "path": "x/y", "uuid": "00000000-0000-0000-0000-000000000000"}


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern)


def _concrete(route: str) -> str | None:
    if route.startswith("^") or "(?P" in route:
        return None  # regex routes (the API's) are swept by their own tests
    path = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE.get(m.group(1) or "str", "x"), route)
    return "/" + path


def office_paths():
    paths = {_concrete(r) for r in _walk(get_resolver().url_patterns)}
    return sorted(p for p in paths if p and p.startswith("/office/") and p not in OPEN_OFFICE_PATHS)


def test_the_sweep_sees_the_office():
    assert "/office/" in office_paths()
    assert "/office/audit/" in office_paths()


@pytest.mark.django_db
@pytest.mark.parametrize("path", office_paths())
def test_office_refuses_anonymous_users(client, path):
    for method in (client.get, client.post):
        response = method(path)
        assert response.status_code in (302, 405), (path, response.status_code)
        if response.status_code == 302:
            assert response["Location"].startswith("/office/login/"), path


@pytest.mark.django_db
@pytest.mark.parametrize("path", office_paths())
def test_office_refuses_staff_without_a_role(client, make_user, path):
    client.force_login(make_user())
    response = client.get(path)
    assert response.status_code in (403, 404, 405), (path, response.status_code)
