"""Reads of the city portal: the agency directory and the city-wide lists — published records only,
through each capability's own public selector (so the city portal can never show more than the
agency's own site does)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from gongkai.core import sites
from gongkai.core.models import Agency

# The links of each agency in the directory: 指南, 目录, 年报, 依申请公开 (issue 18 item 2).
DIRECTORY_LINKS = (
    ("指南", "catalogue:guide"),
    ("目录", "catalogue:catalogue"),
    ("年报", "annual_reports:list"),
    ("依申请公开", "foi:landing"),
)
LATEST = 10


@dataclass(frozen=True)
class DirectoryEntry:
    agency: Agency
    home: str
    links: tuple[tuple[str, str], ...]


def directory() -> list[tuple[str, list[DirectoryEntry]]]:
    """Active agencies by type (市政府部门, 区县政府, 其他), each with its site and its four links. Each
    link is reversed once and placed inside every agency's site (500 agencies: 5 reversals, not 2,500)."""
    paths = []
    for label, name in DIRECTORY_LINKS:
        try:
            paths.append((label, reverse(name)))
        except NoReverseMatch:
            continue
    home = reverse("portal:home")
    groups: dict[str, list[DirectoryEntry]] = {k: [] for k in Agency.Kind.values}
    for agency in sites.site_agencies():
        links = tuple((label, sites.agency_path(agency, path)) for label, path in paths)
        groups.setdefault(agency.kind, []).append(
            DirectoryEntry(agency, sites.agency_path(agency, home), links)
        )
    return [(Agency.Kind(kind).label, entries) for kind, entries in groups.items() if entries]


@dataclass(frozen=True)
class Latest:
    title: str
    url: str
    agency: Agency
    at: datetime | None
    kind: str


def _merge(rows: list[Latest], limit: int) -> list[Latest]:
    floor = datetime.min.replace(tzinfo=timezone.get_current_timezone())
    return sorted(rows, key=lambda r: r.at or floor, reverse=True)[:limit]


def latest_items(limit: int = LATEST) -> list[Latest]:
    """The newest public 政府信息 of every agency, ranked together (two queries, whatever the number of
    agencies: issue 18 item 11)."""
    from gongkai.catalogue.selectors import latest_public_revisions

    agencies = {a.pk: a for a in sites.site_agencies()}
    rows = []
    for rev in latest_public_revisions(agencies, limit=limit):
        agency = agencies[rev.item.agency_id]
        url = sites.agency_url(agency, "catalogue:item", rev.item.slug)
        rows.append(Latest(rev.title, url, agency, rev.public_at, "政府信息"))
    return _merge(rows, limit)


def latest_interpretations(limit: int = LATEST) -> list[Latest]:
    """The newest public 政策解读 of every agency (two queries, whatever the number of agencies)."""
    from gongkai.interpretations.selectors import latest_public_interpretations

    agencies = {a.pk: a for a in sites.site_agencies()}
    rows = []
    for i in latest_public_interpretations(agencies, limit=limit):
        agency = agencies[i.agency_id]
        url = sites.agency_url(agency, "interpretations:detail", i.pk)
        rows.append(Latest(i.title, url, agency, i.public_at, "解读"))
    return _merge(rows, limit)


def latest_consultations(limit: int = LATEST) -> list[Latest]:
    """The public 征求意见 of every agency that opened last (one query)."""
    from gongkai.consultations.selectors import latest_public_consultations

    agencies = {a.pk: a for a in sites.site_agencies()}
    rows = []
    for c in latest_public_consultations(agencies, limit=limit):
        agency = agencies[c.agency_id]
        url = sites.agency_url(agency, "consultations:detail", c.pk)
        rows.append(Latest(c.title, url, agency, c.opens_at, "征求意见"))
    return _merge(rows, limit)


def latest_releases(limit: int = LATEST) -> list[Latest]:
    """The newest released 数据发布 of every agency: one query (the embargo filter across agencies)."""
    from gongkai.opendata.selectors import released_releases

    agencies = {a.pk: a for a in sites.site_agencies()}
    rows = []
    for r in (
        released_releases().filter(agency_id__in=list(agencies)).order_by("-scheduled_at", "-id")[:limit]
    ):
        agency = agencies[r.agency_id]
        rows.append(
            Latest(
                r.title,
                sites.agency_url(agency, "opendata:release", r.pk),
                agency,
                r.scheduled_at,
                "数据发布",
            )
        )
    return _merge(rows, limit)


def portal_settings():
    """The city portal's footer facts (one row; an unsaved empty one before the platform administrator
    sets them). Kept for the page-cache generation: a change of them is a write that ends it."""
    from gongkai.core.pagecache import memoised

    from .models import PortalSettings

    def read():
        return PortalSettings.objects.filter(pk=1).first() or PortalSettings(pk=1)

    return memoised("city.portal_settings", read)
