"""The feeds announced in every page's <head> (<link rel="alternate">, feed autodiscovery; issue 11
item 29). Named by URL, so the shell does not import the capability apps; a feed whose URL does not
resolve (an app not mounted) is left out."""

from dataclasses import dataclass
from functools import lru_cache

from django.urls import NoReverseMatch, reverse

RSS, ATOM = "application/rss+xml", "application/atom+xml"

SITE_FEEDS = [
    ("最新政府信息", "catalogue:feed_rss", RSS),
    ("最新政府信息（Atom）", "catalogue:feed_atom", ATOM),
    ("政策解读", "interpretations:feed_rss", RSS),
    ("意见征集", "consultations:feed", RSS),
]


@dataclass(frozen=True)
class Feed:
    title: str
    url: str
    media_type: str


def site_feeds() -> tuple[Feed, ...]:
    """Computed once per process and URL configuration (issue 19: per-request constant work)."""
    from django.conf import settings
    from django.urls import get_script_prefix

    return _site_feeds(settings.ROOT_URLCONF, get_script_prefix())  # an agency site's /bm/<code>/ prefix


@lru_cache(maxsize=256)
def _site_feeds(urlconf: str, script_prefix: str) -> tuple[Feed, ...]:
    feeds = []
    for title, name, media_type in SITE_FEEDS:
        try:
            feeds.append(Feed(title, reverse(name), media_type))
        except NoReverseMatch:
            continue
    return tuple(feeds)
