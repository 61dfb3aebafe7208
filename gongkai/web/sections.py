"""The site map of the public site and each agency's columns on it.

The sections and their built-in columns are data in `core.site_map`; what an agency shows — its own
names, order, hidden and added columns, merges — is decided by `catalogue.columns` (issue 18 item 4,
ADR 0050). Every column must have its page: an empty or placeholder column fails the website
inspection (国办秘函〔2019〕19号), so none is ever shown — a column whose URL does not resolve is left
out, and a test fails for it (web/tests/test_portal.py).
"""

from django.urls import NoReverseMatch

from gongkai.catalogue import columns as agency_columns
from gongkai.core.site_map import (  # noqa: F401 — the site map's names, used here and by the tests
    SECTIONS,
    Column,
    ResolvedColumn,
    Section,
    section_by_slug,
    section_for_path,
)
from gongkai.core.urlcache import cached_reverse


def resolve(url_name: str) -> str:
    try:
        return cached_reverse(url_name)
    except NoReverseMatch:
        return ""


def resolved_columns(section: Section, agency=None) -> list:
    """The columns of `section` that `agency`'s site shows, in its order (hidden and merged ones left
    out, and every column without a page)."""
    return agency_columns.visible_columns(agency, section.slug)
