"""Reads of the city portal: the agency directory and the city-wide lists — published records only,
through each capability's own public selector (so the city portal can never show more than the
agency's own site does)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.urls import NoReverseMatch
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
LATEST_PER_AGENCY = 5
LATEST = 10


@dataclass(frozen=True)
class DirectoryEntry:
    agency: Agency
    home: str
    links: tuple[tuple[str, str], ...]


def directory() -> list[tuple[str, list[DirectoryEntry]]]:
    """Active agencies by type (市政府部门, 区县政府, 其他), each with its site and its four links."""
    groups: dict[str, list[DirectoryEntry]] = {k: [] for k in Agency.Kind.values}
    for agency in sites.site_agencies():
        links = []
        for label, name in DIRECTORY_LINKS:
            try:
                links.append((label, sites.agency_url(agency, name)))
            except NoReverseMatch:
                continue
        home = sites.agency_url(agency, "portal:home")
        groups.setdefault(agency.kind, []).append(DirectoryEntry(agency, home, tuple(links)))
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
    """The newest public 政府信息 of every agency, ranked together."""
    from gongkai.catalogue.selectors import public_revisions

    rows = []
    for agency in sites.site_agencies():
        for rev in public_revisions(agency).order_by("-public_at", "-id")[:LATEST_PER_AGENCY]:
            url = sites.agency_url(agency, "catalogue:item", rev.item.slug)
            rows.append(Latest(rev.title, url, agency, rev.public_at, "政府信息"))
    return _merge(rows, limit)


def latest_interpretations(limit: int = LATEST) -> list[Latest]:
    from gongkai.interpretations.selectors import public_interpretations

    rows = []
    for agency in sites.site_agencies():
        for i in public_interpretations(agency).order_by("-public_at", "-id")[:LATEST_PER_AGENCY]:
            rows.append(
                Latest(
                    i.title,
                    sites.agency_url(agency, "interpretations:detail", i.pk),
                    agency,
                    i.public_at,
                    "解读",
                )
            )
    return _merge(rows, limit)


def latest_consultations(limit: int = LATEST) -> list[Latest]:
    from gongkai.consultations.selectors import public_consultations

    rows = []
    for agency in sites.site_agencies():
        for c in public_consultations(agency).order_by("-opens_at", "-id")[:LATEST_PER_AGENCY]:
            rows.append(
                Latest(
                    c.title,
                    sites.agency_url(agency, "consultations:detail", c.pk),
                    agency,
                    c.opens_at,
                    "征求意见",
                )
            )
    return _merge(rows, limit)


def latest_releases(limit: int = LATEST) -> list[Latest]:
    from gongkai.opendata.selectors import public_releases

    rows = []
    for agency in sites.site_agencies():
        for r in public_releases(agency)[:LATEST_PER_AGENCY]:
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
