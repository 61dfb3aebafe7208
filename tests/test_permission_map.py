"""The permission map (accounts/permission_map.py, ADR 0030) against what every office route does.

For every office URL: the route is in the map; each role of the demo agency is let in (not 403) exactly
when it holds the declared permission, for GET and for POST; and staff of another agency, whatever their
role, never open or change one of the demo agency's records (403 or 404). Concrete URLs come from the
demo: the office is walked once as a user holding every role, and the first link that resolves to a
route gives its arguments (a route no page links to is tried with sample arguments).

One test sweeps everything and reports every mismatch at once: the demo is loaded once, and a role that
is let in is sent only a GET (a POST by a role that holds the permission could run an inspection or
seed the calendar); the POSTs that must be refused are sent by every role that lacks the permission.
"""

import re
from collections import deque

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from gongkai.accounts import permission_map
from gongkai.accounts.factories import AgencyFactory, UserFactory
from gongkai.accounts.permissions import has_perm, is_platform_admin
from gongkai.accounts.roles import Role
from gongkai.demo.loader import load_demo

from .test_url_permissions import OPEN_OFFICE_PATHS, _concrete, _walk

HREF = re.compile(r'href="(/office/[^"#?]*)')
CRAWL_LIMIT = 700


def office_routes() -> dict[str, str]:
    """URL name (namespace:name) → a concrete sample path, for every office route."""
    from django.urls import get_resolver

    routes = {}
    for route in _walk(get_resolver().url_patterns):
        path = _concrete(route)
        if not path or not path.startswith("/office/") or path in OPEN_OFFICE_PATHS:
            continue
        try:
            match = resolve(path)
        except Resolver404:
            continue
        routes.setdefault(match.view_name, path)
    return routes


def test_every_office_route_declares_its_permission():
    routes = office_routes()
    assert len(routes) > 200
    missing = sorted(set(routes) - set(permission_map.OFFICE))
    assert not missing, f"office routes without an entry in accounts/permission_map.py: {missing}"
    stale = sorted(set(permission_map.OFFICE) - set(routes))
    assert not stale, f"permission map entries for routes that no longer exist: {stale}"


def test_the_map_names_only_known_permissions():
    for name, (get, post) in permission_map.OFFICE.items():
        for permission in (get, post):
            assert permission in (None, permission_map.PLATFORM_ADMIN) or (
                permission in permission_map.known_permissions()
            ), (name, permission)


def _allowed(user, permission) -> bool:
    if permission == permission_map.PLATFORM_ADMIN:
        return is_platform_admin(user)
    return has_perm(user, permission)


def _crawl(client) -> dict[str, str]:
    """view_name → first concrete path linked from the office, walking as a user with every role."""
    found: dict[str, str] = {}
    queue, seen = deque(["/office/"]), {"/office/"}
    while queue and len(seen) < CRAWL_LIMIT:
        path = queue.popleft()
        try:
            name = resolve(path).view_name
        except Resolver404:
            continue
        found.setdefault(name, path)
        response = client.get(path)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        for link in HREF.findall(response.content.decode("utf-8", "replace")):
            link = link.replace("&amp;", "&")
            if link in seen or link.startswith(tuple(OPEN_OFFICE_PATHS)) or "/download" in link:
                continue
            try:
                link_name = resolve(link).view_name
            except Resolver404:
                continue
            if link_name in found and link_name != name:
                continue  # one page per route is enough
            seen.add(link)
            queue.append(link)
    return found


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.GONGKAI_SEARCH_DIR = str(tmp_path / "search")
    from gongkai.search import interface

    interface.reset_backends()
    data = load_demo()
    yield data
    interface.reset_backends()


def _client_for(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def test_every_route_answers_every_role_as_the_map_says(demo):
    agency = demo["agency"]
    users = demo["users"]
    for user in users.values():
        user.refresh_from_db()  # the demo makes its administrator the platform administrator afterwards
    drafter = next(u for u in users.values() if Role.DRAFTER in u.roles)
    own = {
        # a role the demo gives no one of this agency (the city office's) gets a person for the sweep
        role: next((u for u in users.values() if role in u.roles), None)
        or UserFactory(agency=agency, department=drafter.department, roles=[role])
        for role in Role
    }
    everything = UserFactory(agency=agency, department=drafter.department, roles=list(Role))
    other_agency = AgencyFactory(code="other", name="另一机关")
    stranger = UserFactory(agency=other_agency, roles=list(Role))

    crawled = _crawl(_client_for(everything))
    routes = office_routes()
    clients = {role: _client_for(user) for role, user in own.items()}
    stranger_client = _client_for(stranger)
    failures = []
    for name, sample in sorted(routes.items()):
        if name not in permission_map.OFFICE:
            continue  # reported by test_every_office_route_declares_its_permission
        get, post = permission_map.OFFICE[name]
        path = crawled.get(name, sample)
        for method, permission in (("GET", get), ("POST", post)):
            let_in_once = False
            for role, user in own.items():
                allowed = permission is not None and _allowed(user, permission)
                if allowed and (method == "POST" or let_in_once):
                    continue  # see the module docstring
                client = clients[role]
                response = client.get(path) if method == "GET" else client.post(path)
                status = response.status_code
                if status >= 500:
                    failures.append(f"{method} {path} as {role.label}: {status}")
                elif permission is None:
                    if status not in (302, 403, 404, 405):
                        failures.append(f"{method} {path} as {role.label}: {status}, map says not served")
                elif allowed:
                    let_in_once = True
                    if status == 403:
                        failures.append(f"{method} {path} as {role.label}: 403, map says {permission}")
                elif status not in (403, 404, 405):
                    failures.append(f"{method} {path} as {role.label}: {status}, lacks {permission}")
        if (
            name in crawled
            and re.search(r"/\d+/", path)
            and name not in permission_map.NATIONAL | permission_map.CITY_WIDE
        ):
            # one of the demo agency's records: another agency's staff, whatever their roles, are refused
            for method in ("GET", "POST"):
                response = stranger_client.get(path) if method == "GET" else stranger_client.post(path)
                if response.status_code not in (403, 404, 405):
                    failures.append(f"{method} {path} as another agency: {response.status_code}")
    assert not failures, "\n".join(failures)
