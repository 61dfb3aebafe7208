"""The permission map (accounts/permission_map.py, ADR 0030) against what every office route does.

For every office URL: the route is in the map; each role of the demo agency is let in (not 403) exactly
when it holds the declared permission, for GET and for POST; and staff of another agency, whatever their
role, never open or change one of the demo agency's records (403 or 404). Concrete URLs come from the
demo: the office is walked once as a user holding every role, and the first link that resolves to a
route gives its arguments (a route no page links to is tried with sample arguments).

The sweep runs in parts, each over a few apps' routes (`PARTS`, the rest in the last part), so that
pytest-xdist spreads its ~3,400 requests over the workers; each part reports every mismatch of its routes
at once on the demo (the `demo` fixture). A role that is let in is sent only a GET (a POST by a role that
holds the permission could run an inspection or seed the calendar); the POSTs that must be refused are
sent by every role that lacks the permission.
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

from .test_url_permissions import OPEN_OFFICE_PATHS, _concrete, _walk

HREF = re.compile(r'href="(/office/[^"#?]*)')
CRAWL_LIMIT = 700
# The sweep's parts: URL namespaces, about fifty routes each; "" takes every namespace not named here.
PARTS = {
    "catalogue": ("catalogue_office", "publishing_office", "office", "search_office", "notifications_office"),
    "enforcement": ("enforcement_office", "key_tasks_office", "incidents_office", "audit_office"),
    "requests": ("foi_office", "opendata_office", "consultations_office"),
    "people": ("surveys_office", "service_guides_office", "accounts_office", "press_office"),
    "city": (
        "city_office",
        "assessment_office",
        "interpretations_office",
        "cityops_office",
        "workdays_office",
    ),
    "rest": (),
}
SWEEP_KEYS = 900_000  # above every key of the demo
_crawls: dict[tuple, dict[str, str]] = {}  # the office walked once per process and set of sweep records


def _in_part(name: str, part: str) -> bool:
    namespace = name.split(":", 1)[0]
    if PARTS[part]:
        return namespace in PARTS[part]
    return not any(namespace in names for names in PARTS.values())


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


class StatusClient(Client):
    """The test client without what the sweeps never read: it does not copy the context of every template
    rendered (`response.context`, `.templates`; about a tenth of an office page's time). A server error
    is still answered as a 500, as with `raise_request_exception=False`."""

    def request(self, **request):
        response = self.handler(self._base_environ(**request))
        response.client, response.request = self, request
        if response.cookies:
            self.cookies.update(response.cookies)
        return response


def _client_for(user) -> Client:
    client = StatusClient(raise_request_exception=False)
    client.force_login(user)
    return client


def test_the_sweep_parts_cover_every_route():
    for name in office_routes():
        assert sum(_in_part(name, part) for part in PARTS) == 1, name


@pytest.mark.parametrize("part", PARTS)
def test_every_route_answers_every_role_as_the_map_says(demo, part):
    agency = demo["agency"]
    users = demo["users"]
    for user in users.values():
        user.refresh_from_db()  # the demo makes its administrator the platform administrator afterwards
    drafter = next(u for u in users.values() if Role.DRAFTER in u.roles)
    # The records made for the sweep take fixed keys, the same in every part and on both databases, so
    # that the office is walked once per process (below).
    keys = iter(range(SWEEP_KEYS, SWEEP_KEYS + 100))
    own = {
        # a role the demo gives no one of this agency (the city office's) gets a person for the sweep
        role: next((u for u in users.values() if role in u.roles), None)
        or UserFactory(pk=next(keys), agency=agency, department=drafter.department, roles=[role])
        for role in Role
    }
    everything = UserFactory(pk=next(keys), agency=agency, department=drafter.department, roles=list(Role))
    other_agency = AgencyFactory(pk=next(keys), code="other", name="另一机关")
    stranger = UserFactory(pk=next(keys), agency=other_agency, roles=list(Role))

    # The walk's first links are the same in every part on this process's copy of the demo, the records
    # made above having the same keys.
    key = (everything.pk, other_agency.pk, stranger.pk, *(user.pk for user in own.values()))
    if key not in _crawls:
        _crawls[key] = _crawl(_client_for(everything))
    crawled = _crawls[key]
    routes = {name: path for name, path in office_routes().items() if _in_part(name, part)}
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
