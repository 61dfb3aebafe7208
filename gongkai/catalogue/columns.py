"""Reads of an agency's columns (栏目) over the one resource library (issue 18 item 4, ADR 0050).

`all_columns(agency)` is the agency's site map: the built-in columns of `core.site_map` as the
agency set them (name, order, hidden) plus the columns it added, with merges. A list column (an added
column, or 上级文件) is a query over the library — `column_revisions` — never a copy: the 上级文件
column reads the published policies of the agency's parent organisations and of the agencies it
names (e.g. the city government) where they are stored, so a withdrawal upstream leaves every
agency's column in the same instant (and ends the page-cache generation, ADR 0043).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet
from django.urls import NoReverseMatch, get_script_prefix, reverse

from gongkai.core import sites
from gongkai.core.pagecache import memoised
from gongkai.core.site_map import SECTIONS

from . import selectors
from .column_models import SUPERIOR, SiteColumn
from .models import ItemRevision, OpennessCategory, Source

# Columns the law requires on every agency's site: they can be neither hidden, merged away nor renamed.
REQUIRED = {
    "catalogue:guide": "《政府信息公开条例》第十二条（政府信息公开指南）",
    "catalogue:catalogue": "《政府信息公开条例》第十二条（政府信息公开目录）",
    "foi:landing": "《政府信息公开条例》第二十八条（政府信息公开申请渠道）",
    "annual_reports:list": "《政府信息公开条例》第四十九条（年度报告向社会公布）",
}
DEFAULT_STEP = 10  # the site map's order, leaving room between built-in columns


def builtin_slug(url_name: str) -> str:
    return url_name.replace(":", "-").replace("_", "-")


@dataclass
class ColumnView:
    """One column of an agency's site as the public and the office see it."""

    slug: str
    section: str
    label: str
    description: str
    builtin: str
    sort_order: int
    hidden: bool = False
    merged_into: str = ""  # the slug of the column that shows this one's items
    row: SiteColumn | None = None
    merged: list[str] = field(default_factory=list)  # slugs of the columns merged into this one

    @property
    def is_added(self) -> bool:
        return not self.builtin

    @property
    def is_list(self) -> bool:
        return self.is_added or self.builtin == SUPERIOR

    @property
    def required_by(self) -> str:
        return REQUIRED.get(self.builtin, "")

    @property
    def visible(self) -> bool:
        return not self.hidden and not self.merged_into

    @cached_property
    def url(self) -> str:
        """Reversed once per view object: the memo below keeps one list per site prefix (issue 19)."""
        try:
            if self.builtin:
                return reverse(self.builtin)
            return reverse("catalogue:column", args=[self.section, self.slug])
        except NoReverseMatch:
            return ""

    @property
    def available(self) -> bool:
        return bool(self.url)


def _rows(agency) -> list[SiteColumn]:
    if agency is None:
        return []
    return list(SiteColumn.objects.filter(agency=agency).select_related("merged_into"))


def all_columns(agency) -> list[ColumnView]:
    """Every column of the agency's site, hidden and merged ones included, in section and agency order."""
    rows = _rows(agency)
    by_builtin = {r.builtin: r for r in rows if r.builtin}
    views: list[ColumnView] = []
    for section in SECTIONS:
        for c_index, column in enumerate(section.columns):
            row = by_builtin.get(column.url_name)
            default_order = (c_index + 1) * DEFAULT_STEP
            views.append(
                ColumnView(
                    slug=row.slug if row else builtin_slug(column.url_name),
                    section=section.slug,
                    label=row.label if row else column.label,
                    description=row.description if row else column.description,
                    builtin=column.url_name,
                    sort_order=row.sort_order if row else default_order,
                    hidden=row.is_hidden if row else False,
                    merged_into=row.merged_into.slug if row and row.merged_into else "",
                    row=row,
                )
            )
    known = {s.slug for s in SECTIONS}
    for row in rows:
        if not row.builtin and row.section in known:
            views.append(
                ColumnView(
                    slug=row.slug,
                    section=row.section,
                    label=row.label,
                    description=row.description,
                    builtin="",
                    sort_order=row.sort_order,
                    hidden=row.is_hidden,
                    merged_into=row.merged_into.slug if row.merged_into else "",
                    row=row,
                )
            )
    by_slug = {v.slug: v for v in views}
    for view in views:
        if view.merged_into in by_slug:
            by_slug[view.merged_into].merged.append(view.slug)
    order = {s.slug: i for i, s in enumerate(SECTIONS)}
    return sorted(views, key=lambda v: (order[v.section], v.sort_order, v.is_added, v.slug))


def _memo_columns(agency) -> list[ColumnView]:
    # Constant for every reader until a committed write ends the page-cache generation (ADR 0043); one
    # list per site prefix and URL configuration, as each view keeps its reversed URL.
    key = f"catalogue.columns:{getattr(agency, 'pk', None)}:{get_script_prefix()}:{settings.ROOT_URLCONF}"
    return memoised(key, lambda: all_columns(agency))


def visible_columns(agency, section: str) -> list[ColumnView]:
    """The columns of one section the public sees: not hidden, not merged, and with a page."""
    return [c for c in _memo_columns(agency) if c.section == section and c.visible and c.available]


def column_by_slug(agency, slug: str) -> ColumnView | None:
    return next((c for c in _memo_columns(agency) if c.slug == slug), None)


def superior_column(agency) -> ColumnView:
    return next(c for c in _memo_columns(agency) if c.builtin == SUPERIOR)


# --- the content of a list column -------------------------------------------------------------------
def upstream_agencies(agency, column: ColumnView | None = None) -> list:
    """Whose policies the agency's 上级文件 column shows: its parent organisations (nearest first), then
    the agencies its administrator named (e.g. the city government); active agencies only."""
    found: list = []
    parent = sites.agency_by_id(agency.parent_id) if agency.parent_id else None
    while parent is not None and parent.pk != agency.pk and parent not in found:
        found.append(parent)
        parent = sites.agency_by_id(parent.parent_id) if parent.parent_id else None
    column = column or superior_column(agency)
    if column.row is not None and column.row.pk:
        for source_id in column.row.sources.order_by("sort_order", "id").values_list("id", flat=True):
            source = sites.agency_by_id(source_id)
            if source is not None and source.pk != agency.pk and source not in found:
                found.append(source)
    return found


def _policy_q() -> Q:
    """A policy of an upstream agency: a 规范性文件, or a decision (决策公开) it published itself."""
    return Q(item__source=Source.OWN) & (
        Q(item__normative__isnull=False) | Q(category=OpennessCategory.DECISION)
    )


def _own_query(agency, column: ColumnView) -> Q:
    if column.builtin == SUPERIOR:
        return Q(item__agency=agency, item__source=Source.HIGHER_LEVEL)
    row = column.row
    q = Q(item__agency=agency)
    if row is not None and row.node_id:
        q &= Q(node_id__in=selectors.node_and_descendants(row.node))
    if row is not None and row.category:
        q &= Q(category=row.category)
    return q


def column_revisions(agency, column: ColumnView, *, now=None) -> QuerySet[ItemRevision]:
    """The public information a list column shows, newest first: its own query, the columns merged
    into it, and — for 上级文件 — the upstream agencies' policies. One query, no copies."""
    by_slug = {c.slug: c for c in _memo_columns(agency)}
    members = [column, *[by_slug[s] for s in column.merged if s in by_slug]]
    q = Q()
    agency_ids = [agency.pk]
    for member in members:
        q |= _own_query(agency, member)
        if member.builtin == SUPERIOR:
            upstream = [a.pk for a in upstream_agencies(agency, member)]
            if upstream:
                q |= Q(item__agency_id__in=upstream) & _policy_q()
                agency_ids += upstream
    return (
        selectors.public_revisions_among(agency_ids, now=now)
        .filter(q)
        .select_related("item__agency")
        .order_by("-public_at", "-id")
    )


def column_figures(agency, column: ColumnView, *, now=None) -> tuple[int, object]:
    """(number of public items, the newest publication time) of a list column."""
    figures = (
        column_revisions(agency, column, now=now).order_by().aggregate(n=Count("id"), last=Max("public_at"))
    )
    return figures["n"], figures["last"]


def list_columns_shown(agency) -> list[ColumnView]:
    """The list columns the public sees: what the website inspection's empty-column rule counts for
    this agency (a hidden or merged column is not on the site)."""
    return [c for c in _memo_columns(agency) if c.is_list and c.visible and c.available]


def memo_key(agency, name: str) -> str:
    """A memo key that also holds the site being served (links carry its script prefix)."""
    return f"catalogue.{name}:{getattr(agency, 'pk', None)}:{get_script_prefix()}"
