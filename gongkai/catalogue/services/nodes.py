"""Catalogue nodes (目录事项) and the catalogue settings (索引号 template)."""

from django.db import transaction

from gongkai.core import audit
from gongkai.core.errors import NotFound, PermissionDenied, ValidationFailed

from .. import index_numbers
from ..models import (
    CatalogueNode,
    CatalogueSettings,
)
from ..permissions import can_manage
from .common import (
    NODE_FIELDS,
)


# --- catalogue nodes and settings ---------------------------------------------------------------
def save_catalogue_node(*, actor, node: CatalogueNode | None = None, **fields) -> CatalogueNode:
    if not can_manage(actor):
        raise PermissionDenied("只有政务公开办可以维护主动公开基本目录。")
    agency = actor.agency
    if node is not None and node.agency_id != agency.pk:
        raise NotFound()
    unknown = set(fields) - set(NODE_FIELDS)
    if unknown:
        raise ValidationFailed(f"未知字段：{'、'.join(sorted(unknown))}")
    name = (fields.get("name", node.name if node else "") or "").strip()
    if not name:
        raise ValidationFailed("请填写公开事项名称。", field="name")
    code = (fields.get("code", node.code if node else "") or "").strip()
    if not code:
        raise ValidationFailed("请填写代码。", field="code")
    parent = fields.get("parent", node.parent if node else None)
    depth = 1
    if parent is not None:
        if parent.agency_id != agency.pk:
            raise ValidationFailed("上级事项不属于本机关。", field="parent")
        ancestor = parent
        while ancestor is not None:
            if node is not None and ancestor.pk == node.pk:
                raise ValidationFailed("上级事项不能是该事项本身或其下级。", field="parent")
            ancestor = ancestor.parent
        depth = parent.depth + 1
        if depth > CatalogueNode.MAX_DEPTH:
            raise ValidationFailed("公开事项最多三级。", field="parent")
    duplicate = CatalogueNode.objects.filter(agency=agency, code=code)
    if node is not None:
        duplicate = duplicate.exclude(pk=node.pk)
    if duplicate.exists():
        raise ValidationFailed("该代码已被其他事项使用。", field="code")
    with transaction.atomic():
        before = None
        if node is None:
            node = CatalogueNode(agency=agency)
        else:
            before = {f: str(getattr(node, f)) for f in NODE_FIELDS}
            if node.children.exists() and depth + 1 > CatalogueNode.MAX_DEPTH:
                raise ValidationFailed("该事项有下级事项，移动后将超过三级。", field="parent")
        for name_, value in fields.items():
            setattr(node, name_, value.strip() if isinstance(value, str) else value)
        node.name, node.code, node.parent, node.depth = name, code, parent, depth
        node.save()
        audit.record(
            actor=actor,
            verb="catalogue.node_saved",
            obj=node,
            agency=agency,
            before=before,
            after={f: str(getattr(node, f)) for f in NODE_FIELDS},
        )
    return node


def save_catalogue_settings(*, actor, index_template: str) -> CatalogueSettings:
    if not can_manage(actor):
        raise PermissionDenied("只有政务公开办可以修改目录设置。")
    index_numbers.validate_template(index_template)
    with transaction.atomic():
        row, _ = CatalogueSettings.objects.get_or_create(agency=actor.agency)
        before = {"index_template": row.index_template}
        row.index_template = index_template
        row.save()
        audit.record(
            actor=actor,
            verb="catalogue.settings_saved",
            obj=row,
            agency=actor.agency,
            before=before,
            after={"index_template": index_template},
        )
    return row
