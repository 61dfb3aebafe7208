"""Every write of an agency's columns (栏目): add, rename, order, hide and show, merge and unmerge, the
上级文件 sources (issue 18 item 4, ADR 0050). Only the agency's own 系统管理员 (`site_settings.manage`)
may change them; each change is audited in the agency's trail.

The first change an agency makes writes a row for each built-in column of the site map (its
defaults), so that order and names are the agency's own from then on; until then the site map applies.
"""

from __future__ import annotations

import re

from django.db import transaction

from gongkai.accounts import guard
from gongkai.core import audit
from gongkai.core.errors import Conflict, NotFound, ValidationFailed
from gongkai.core.models import Agency
from gongkai.core.site_map import SECTIONS, section_by_slug

from . import columns
from .column_models import SUPERIOR, SiteColumn
from .models import CatalogueNode, OpennessCategory

PERMISSION = "site_settings.manage"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,58}[a-z0-9]$")
EMPTY_RULE = "国办秘函〔2019〕19号：没有任何公开信息的空白栏目不得在网站上出现"


def _require(actor, agency: Agency) -> None:
    guard.require(
        actor,
        PERMISSION,
        agency,
        department_field=None,
        message="栏目由本机关系统管理员管理。",
        not_found="没有找到该机关。",
    )


def _materialise(agency: Agency) -> dict[str, SiteColumn]:
    """Lock the agency's columns (the agency row is the lock) and write the site map's defaults once."""
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    rows = {r.slug: r for r in SiteColumn.objects.filter(agency=agency)}
    present = {r.builtin for r in rows.values() if r.builtin}
    for section in SECTIONS:
        for index, column in enumerate(section.columns):
            if column.url_name in present:
                continue
            row = SiteColumn.objects.create(
                agency=agency,
                section=section.slug,
                slug=columns.builtin_slug(column.url_name),
                builtin=column.url_name,
                label=column.label,
                description=column.description,
                sort_order=(index + 1) * columns.DEFAULT_STEP,
            )
            rows[row.slug] = row
    return rows


def _get(rows: dict[str, SiteColumn], slug: str) -> SiteColumn:
    row = rows.get(slug or "")
    if row is None:
        raise NotFound("没有找到该栏目。")
    return row


def _view(agency, row: SiteColumn) -> columns.ColumnView:
    view = next((c for c in columns.all_columns(agency) if c.slug == row.slug), None)
    if view is None:
        raise NotFound("没有找到该栏目。")
    return view


def _is_empty(agency, row: SiteColumn) -> bool:
    return row.is_list and columns.column_figures(agency, _view(agency, row))[0] == 0


def _snapshot(row: SiteColumn) -> dict:
    return {
        "section": row.section,
        "label": row.label,
        "description": row.description,
        "sort_order": row.sort_order,
        "is_hidden": row.is_hidden,
        "merged_into": row.merged_into.slug if row.merged_into_id else "",
        "node": row.node_id,
        "category": row.category,
    }


def _record(actor, verb: str, row: SiteColumn, before: dict | None = None, after: dict | None = None) -> None:
    audit.record(
        actor=actor, verb=verb, obj=row, agency=row.agency, before=before, after=after or _snapshot(row)
    )


def _clean_text(label: str, description: str) -> tuple[str, str]:
    label = " ".join((label or "").split())
    if not label:
        raise ValidationFailed("请填写栏目名称。", field="label")
    if len(label) > 40:
        raise ValidationFailed("栏目名称不超过 40 个字。", field="label")
    description = " ".join((description or "").split())
    if len(description) > 200:
        raise ValidationFailed("栏目说明不超过 200 个字。", field="description")
    return label, description


def _clean_content(agency, node, category: str) -> tuple[CatalogueNode | None, str]:
    if node is not None and node.agency_id != agency.pk:
        raise ValidationFailed("目录事项不属于本机关。", field="node")
    category = category or ""
    if category and category not in OpennessCategory.values:
        raise ValidationFailed("没有这个五公开类别。", field="category")
    if node is None and not category:
        raise ValidationFailed("请选择本栏目显示的目录事项或五公开类别。", field="node")
    return node, category


def add_column(
    *,
    actor,
    agency: Agency,
    section: str,
    label: str,
    slug: str,
    description: str = "",
    node=None,
    category="",
) -> SiteColumn:
    """An added column shows the agency's public information of a 目录事项 and/or a 五公开 category. A
    column that would have nothing to show is added hidden (an empty column may not be on the site)."""
    _require(actor, agency)
    if section_by_slug(section or "") is None:
        raise ValidationFailed("没有这个板块。", field="section")
    label, description = _clean_text(label, description)
    slug = (slug or "").strip().lower()
    if not _SLUG.match(slug):
        raise ValidationFailed("网址标识只能用小写英文字母、数字和连字符，2-60 个字符。", field="slug")
    node, category = _clean_content(agency, node, category)
    with transaction.atomic():
        rows = _materialise(agency)
        if slug in rows:
            raise ValidationFailed("该网址标识已被本机关的其他栏目使用。", field="slug")
        last = max((r.sort_order for r in rows.values() if r.section == section), default=0)
        row = SiteColumn.objects.create(
            agency=agency,
            section=section,
            slug=slug,
            label=label,
            description=description,
            node=node,
            category=category,
            sort_order=last + columns.DEFAULT_STEP,
        )
        if _is_empty(agency, row):
            row.is_hidden = True
            row.save(update_fields=["is_hidden", "updated_at"])
        _record(actor, "column.added", row)
    return row


def update_column(
    *,
    actor,
    agency: Agency,
    slug: str,
    label: str,
    description: str = "",
    node=None,
    category="",
    sources=None,
) -> SiteColumn:
    """Rename or describe a column; an added column also changes what it shows, 上级文件 whose policies."""
    _require(actor, agency)
    label, description = _clean_text(label, description)
    with transaction.atomic():
        row = _get(_materialise(agency), slug)
        before = _snapshot(row)
        required = columns.REQUIRED.get(row.builtin)
        if required and label != row.label:
            raise ValidationFailed(f"「{row.label}」是法定栏目，名称不能更改（{required}）。", field="label")
        row.label, row.description = label, description
        if row.is_added:
            row.node, row.category = _clean_content(agency, node, category)
        row.save()
        after = _snapshot(row)
        if row.builtin == SUPERIOR and sources is not None:
            chosen = [a for a in sources if a.pk != agency.pk and a.is_active]
            before["sources"] = sorted(row.sources.values_list("code", flat=True))
            row.sources.set(chosen)
            after["sources"] = sorted(a.code for a in chosen)
        _record(actor, "column.updated", row, before, after)
    return row


def move_column(*, actor, agency: Agency, slug: str, direction: str) -> SiteColumn:
    """Move a column one place up or down within its section."""
    _require(actor, agency)
    if direction not in ("up", "down"):
        raise ValidationFailed("只能上移或下移。", field="direction")
    with transaction.atomic():
        rows = _materialise(agency)
        row = _get(rows, slug)
        siblings = sorted(
            (r for r in rows.values() if r.section == row.section),
            key=lambda r: (r.sort_order, r.is_added, r.slug),
        )
        index = siblings.index(row)
        other_index = index - 1 if direction == "up" else index + 1
        if not 0 <= other_index < len(siblings):
            raise Conflict("该栏目已在板块的" + ("最前" if direction == "up" else "最后") + "。")
        # Renumber the section so that equal orders cannot block a move, then swap the two.
        siblings[index], siblings[other_index] = siblings[other_index], siblings[index]
        before = row.sort_order
        for position, sibling in enumerate(siblings, 1):
            order = position * columns.DEFAULT_STEP
            if sibling.sort_order != order:
                sibling.sort_order = order
                sibling.save(update_fields=["sort_order", "updated_at"])
        _record(
            actor,
            "column.moved",
            row,
            {"sort_order": before},
            {"sort_order": row.sort_order, "direction": direction},
        )
    return row


def set_hidden(*, actor, agency: Agency, slug: str, hidden: bool) -> SiteColumn:
    _require(actor, agency)
    with transaction.atomic():
        row = _get(_materialise(agency), slug)
        if row.is_hidden == hidden:
            return row
        required = columns.REQUIRED.get(row.builtin)
        if hidden and required:
            raise Conflict(f"「{row.label}」是法定栏目，不能隐藏（{required}）。")
        if not hidden and row.merged_into_id:
            raise Conflict(f"「{row.label}」已并入「{row.merged_into.label}」，请先取消合并。")
        if not hidden and _is_empty(agency, row):
            raise Conflict(
                f"「{row.label}」还没有公开信息，显示后将成为空白栏目（{EMPTY_RULE}）。请先发布信息。"
            )
        row.is_hidden = hidden
        row.save(update_fields=["is_hidden", "updated_at"])
        _record(actor, "column.hidden" if hidden else "column.shown", row)
    return row


def merge_columns(*, actor, agency: Agency, source: str, target: str) -> SiteColumn:
    """Merge column `source` into `target`: the source leaves the navigation, its address leads to the
    target, and the target lists the source's information beside its own (nothing is moved or copied)."""
    _require(actor, agency)
    with transaction.atomic():
        rows = _materialise(agency)
        src, dst = _get(rows, source), _get(rows, target)
        if src.pk == dst.pk:
            raise Conflict("不能把栏目合并到它自己。")
        required = columns.REQUIRED.get(src.builtin)
        if required:
            raise Conflict(f"「{src.label}」是法定栏目，不能并入其他栏目（{required}）。")
        if not src.is_added:
            raise Conflict(
                f"「{src.label}」是功能栏目，由其页面提供内容，不能并入其他栏目；只能合并自建栏目。"
            )
        if not dst.is_list:
            raise Conflict(f"「{dst.label}」不是信息列表栏目，不能接收其他栏目的信息。")
        if dst.merged_into_id:
            raise Conflict(f"「{dst.label}」本身已并入「{dst.merged_into.label}」，请选择其他目标栏目。")
        if src.merged_into_id:
            raise Conflict(f"「{src.label}」已并入「{src.merged_into.label}」。")
        before = _snapshot(src)
        # Columns already merged into the source follow it into the target (no chains).
        SiteColumn.objects.filter(merged_into=src).update(merged_into=dst)
        src.merged_into = dst
        src.save(update_fields=["merged_into", "updated_at"])
        _record(actor, "column.merged", src, before)
    return dst


def unmerge_column(*, actor, agency: Agency, slug: str) -> SiteColumn:
    """Undo a merge: the column is back on its own, hidden until its administrator shows it."""
    _require(actor, agency)
    with transaction.atomic():
        row = _get(_materialise(agency), slug)
        if not row.merged_into_id:
            raise Conflict(f"「{row.label}」没有并入其他栏目。")
        before = _snapshot(row)
        row.merged_into = None
        row.is_hidden = True
        row.save(update_fields=["merged_into", "is_hidden", "updated_at"])
        _record(actor, "column.unmerged", row, before)
    return row
