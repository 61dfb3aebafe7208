"""Must show (issue 18): no page, API, feed, sitemap or data interface of one agency's site shows another
agency's records or anyone's unpublished ones — swept over every public route without parameters, on the
root site (the default agency) and on /bm/fzfgw/."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

SKIP_PREFIXES = ("/office/", "/city/", "/elder-mode/", "/api/v1/openapi", "/api/v1/docs")


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern)


def public_paths() -> list[str]:
    paths = set()
    for route in _walk(get_resolver().url_patterns):
        if "<" in route or route.startswith("^") or "(?P" in route or "\\" in route:
            continue
        path = "/" + route.lstrip("^").rstrip("$")
        if not path.startswith(SKIP_PREFIXES):
            paths.add(path)
    return sorted(paths)


def test_the_sweep_sees_pages_feeds_sitemaps_and_apis():
    paths = public_paths()
    for expected in ("/xxgk/catalogue/", "/xxgk/feed/rss/", "/sitemap.xml", "/api/v1/documents", "/zcjd/"):
        assert expected in paths, expected


def _leaks(text: str, other_item, draft) -> list[str]:
    found = []
    for needle in (other_item.current_revision.title, other_item.index_number, other_item.slug):
        if needle and needle in text:
            found.append(needle)
    for needle in (draft.revisions.get().title, draft.index_number):
        if needle and needle in text:
            found.append(needle)
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("site", ["root", "fzfgw"])
def test_no_route_of_one_site_shows_another_agencys_or_unpublished_records(client, two_sites, site):
    mine, theirs, draft = two_sites["mine"], two_sites["theirs"], two_sites["draft"]
    base, own, other = ("", mine, theirs) if site == "root" else ("/bm/fzfgw", theirs, mine)
    swept, shown_own = 0, 0
    problems = []
    for path in public_paths():
        response = client.get(base + path)
        if response.status_code != 200 or getattr(response, "streaming", False):
            continue
        text = response.content.decode("utf-8", errors="replace")
        swept += 1
        leaks = _leaks(text, other, draft)
        if leaks:
            problems.append((path, leaks))
        if own.current_revision.title in text:
            shown_own += 1
        if site == "fzfgw":
            # links of an agency site stay inside it (a root link would open another agency's site)
            bad = [
                h
                for h in re.findall(r'(?:href|action)="(/[^"]*)"', text)
                if not h.startswith(
                    ("/bm/fzfgw/", "/static/", "/media/", "/office/", "/city/", "/favicon.ico")
                )
            ]
            if bad:
                problems.append((path, bad[:3]))
    assert swept > 40
    assert shown_own >= 3  # the sweep did see the site's own item (list, feed, sitemap, API …)
    assert not problems, problems
