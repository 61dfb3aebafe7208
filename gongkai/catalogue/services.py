"""Every write of the catalogue: items, draft revisions, attachments, corrections, catalogue nodes.

Keyword-only, `actor` first; each checks permission, writes in one transaction and records an audit
event. Published content is never edited in place (a correction is a new revision).
"""

import hashlib
import uuid
from datetime import date

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import Department
from gongkai.accounts.services import issue_api_token, revoke_api_token  # noqa: F401 — moved (ADR 0033)
from gongkai.core import audit
from gongkai.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed

from . import deadlines, index_numbers
from .models import (
    Attachment,
    CatalogueNode,
    CatalogueSettings,
    DisclosureMode,
    InformationItem,
    ItemRevision,
    OpennessCategory,
    RevisionStatus,
    Source,
    Validity,
)
from .permissions import can_create, can_edit_item, can_manage
from .sanitize import clean_body, html_to_text
from .search import sync_item

EDITABLE_FIELDS = (
    "title",
    "summary",
    "topic",
    "issuer",
    "written_on",
    "document_number",
    "validity",
    "disclosure_mode",
    "withheld_reason",
    "category",
    "node",
    "department",
    "body",
    "needs_interpretation",
    "change_note",
    "formed_on",
)
COPIED_FIELDS = tuple(f for f in EDITABLE_FIELDS if f not in ("change_note", "formed_on"))
NODE_FIELDS = (
    "parent",
    "name",
    "code",
    "content",
    "basis",
    "time_limit",
    "subject",
    "channels",
    "audience",
    "mode",
    "level",
    "sort_order",
    "is_active",
)
DEFAULT_MAX_ATTACHMENT_MB = 50


def _today() -> date:
    return timezone.localdate()


def _snapshot(revision: ItemRevision) -> dict:
    return {f: getattr(revision, f"{f}_id" if f in ("node", "department") else f) for f in EDITABLE_FIELDS}


# --- validation ---------------------------------------------------------------------------------
def _clean_fields(*, agency, values: dict, number: int) -> dict:
    values = dict(values)
    for name in ("title", "summary", "topic", "issuer", "document_number", "withheld_reason", "change_note"):
        if name in values:
            values[name] = (values[name] or "").strip()
    if "title" in values and not values["title"]:
        raise ValidationFailed("请填写标题。", field="title")
    if "issuer" in values and not values["issuer"]:
        raise ValidationFailed("请填写发文机关。", field="issuer")
    choices = {"validity": Validity, "disclosure_mode": DisclosureMode, "category": OpennessCategory}
    for name, enum in choices.items():
        if name in values and values[name] not in enum.values:
            raise ValidationFailed("请选择有效的选项。", field=name)
    if values.get("disclosure_mode") == DisclosureMode.WITHHELD and not values.get("withheld_reason"):
        raise ValidationFailed(
            "不予公开的信息必须写明理由（条例第十四、十五、十六条）。", field="withheld_reason"
        )
    if values.get("disclosure_mode") not in (None, DisclosureMode.WITHHELD):
        values["withheld_reason"] = ""
    node = values.get("node")
    if node is not None and node.agency_id != agency.pk:
        raise ValidationFailed("目录事项不属于本机关。", field="node")
    department = values.get("department")
    if department is not None and department.agency_id != agency.pk:
        raise ValidationFailed("处室不属于本机关。", field="department")
    if "body" in values:
        values["body"] = clean_body(values["body"])
    if number > 1 and "change_note" in values and not values["change_note"]:
        raise ValidationFailed("更正或修改必须填写公开的更正说明。", field="change_note")
    written_on, formed_on = values.get("written_on"), values.get("formed_on")
    if written_on and written_on > _today():
        raise ValidationFailed("成文日期不能晚于今天。", field="written_on")
    if formed_on and formed_on > _today():
        raise ValidationFailed("信息形成日期不能晚于今天。", field="formed_on")
    return values


def _apply_deadline(revision: ItemRevision) -> None:
    """Art. 26 clock: only proactive information has a publication due date."""
    if revision.disclosure_mode == DisclosureMode.PROACTIVE and revision.formed_on:
        revision.due_on = deadlines.due_on_for(revision.formed_on)
    else:
        revision.due_on = None


def _open_workflow_state(revision: ItemRevision) -> str | None:
    from gongkai.publishing.selectors import workflow_for

    workflow = workflow_for(revision)
    return workflow.state if workflow is not None else None


def _require_editable_draft(revision: ItemRevision) -> None:
    if revision.status != RevisionStatus.DRAFT:
        raise InvalidTransition("已发布的内容不能直接修改，请发起更正（生成新版本并填写更正说明）。")
    state = _open_workflow_state(revision)
    if state not in (None, "draft"):
        raise InvalidTransition("该版本已提交审查或审批，不能修改；如需修改请先退回草稿。")


def _start_workflow(*, actor, revision: ItemRevision) -> None:
    from gongkai.publishing.services import start_workflow

    start_workflow(actor=actor, obj=revision)


# --- items and revisions ------------------------------------------------------------------------
def create_item(
    *,
    actor,
    title: str,
    issuer: str = "",
    department: Department | None = None,
    source: str = Source.OWN,
    **fields,
) -> InformationItem:
    """A new item with its first draft revision and its publication workflow. The 索引号 is issued now
    (ADR 0010): it never changes and is never reused."""
    if not can_create(actor):
        raise PermissionDenied("您无权新建政府信息。")
    agency = actor.agency
    department = department or actor.department
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationFailed(f"未知字段：{'、'.join(sorted(unknown))}")
    issuer = issuer or agency.name
    values = _clean_fields(
        agency=agency, number=1, values={"title": title, "issuer": issuer, "department": department, **fields}
    )
    values.setdefault("formed_on", _today())
    with transaction.atomic():
        number = index_numbers.issue_index_number(agency=agency, year=_today().year)
        item = InformationItem.objects.create(
            agency=agency,
            index_number=number,
            slug=index_numbers.slug_for(number),
            source=source,
            department=department,
            created_by=actor,
        )
        revision = ItemRevision(item=item, number=1, created_by=actor, **values)
        _apply_deadline(revision)
        revision.save()
        _start_workflow(actor=actor, revision=revision)
        audit.record(
            actor=actor,
            verb="catalogue.item_created",
            obj=item,
            agency=agency,
            after={"index_number": number, **_snapshot(revision)},
        )
    return item


def update_draft(*, actor, revision: ItemRevision, **fields) -> ItemRevision:
    item = revision.item
    if not can_edit_item(actor, item):
        raise PermissionDenied("您无权修改该政府信息。")
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationFailed(f"未知字段：{'、'.join(sorted(unknown))}")
    with transaction.atomic():
        revision = ItemRevision.objects.select_for_update().select_related("item").get(pk=revision.pk)
        _require_editable_draft(revision)
        values = _clean_fields(agency=item.agency, number=revision.number, values=fields)
        before = _snapshot(revision)
        for name, value in values.items():
            setattr(revision, name, value)
        _apply_deadline(revision)
        revision.save()
        if "department" in values and revision.number == 1:
            item.department = revision.department
            item.save(update_fields=["department"])
        audit.record(
            actor=actor,
            verb="catalogue.revision_edited",
            obj=revision,
            agency=item.agency,
            before=before,
            after=_snapshot(revision),
        )
    return revision


def start_correction(*, actor, item: InformationItem, change_note: str) -> ItemRevision:
    """A new draft revision copied from the public one; the public change note is required."""
    if not can_edit_item(actor, item):
        raise PermissionDenied("您无权更正该政府信息。")
    change_note = (change_note or "").strip()
    if not change_note:
        raise ValidationFailed("请填写公开的更正说明。", field="change_note")
    with transaction.atomic():
        item = InformationItem.objects.select_for_update().get(pk=item.pk)
        if item.revisions.filter(status=RevisionStatus.DRAFT).exists():
            raise InvalidTransition("该信息已有未发布的版本，请先完成或处理该版本。")
        published = item.current_revision
        if published is None:
            raise InvalidTransition("该信息尚未发布，请直接修改草稿。")
        revision = ItemRevision(
            item=item,
            number=item.revisions.count() + 1,
            created_by=actor,
            change_note=change_note,
            formed_on=_today(),
        )
        for name in COPIED_FIELDS:
            setattr(revision, name, getattr(published, name))
        _apply_deadline(revision)
        revision.save()
        for attachment in published.attachments.all():
            # The stored file is shared: files of published revisions are never deleted.
            Attachment.objects.create(
                revision=revision,
                file=attachment.file.name,
                original_name=attachment.original_name,
                mime=attachment.mime,
                extension=attachment.extension,
                type_label=attachment.type_label,
                size=attachment.size,
                sha256=attachment.sha256,
                extracted_text=attachment.extracted_text,
                sort_order=attachment.sort_order,
            )
        _start_workflow(actor=actor, revision=revision)
        audit.record(
            actor=actor,
            verb="catalogue.correction_started",
            obj=revision,
            agency=item.agency,
            after={"item": item.pk, "number": revision.number, "change_note": change_note},
        )
    return revision


# --- attachments --------------------------------------------------------------------------------
def max_attachment_bytes() -> int:
    from gongkai.core import agency_settings  # per agency (issue 18 item 7)

    return agency_settings.value("max_attachment_mb") * 1024 * 1024


def _safe_original_name(name: str) -> str:
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"|?*')
    return name[:200] or "附件"


def _extract_text(filename: str, data: bytes) -> str:
    from gongkai.confidentiality.scanner import extract_sources

    try:
        return "\n".join(s.text for s in extract_sources(filename, data) if s.text)[:200_000]
    except Exception:  # noqa: BLE001 - text is for search only; the scan reports unreadable files
        return ""


def add_attachment(*, actor, revision: ItemRevision, filename: str, data: bytes) -> Attachment:
    from gongkai.confidentiality.filetypes import detect

    if not can_edit_item(actor, revision.item):
        raise PermissionDenied("您无权为该政府信息上传附件。")
    limit = max_attachment_bytes()
    if len(data) > limit:
        raise ValidationFailed(f"附件不能超过 {limit // (1024 * 1024)} MB。", field="file")
    if not data:
        raise ValidationFailed("附件是空文件。", field="file")
    original_name = _safe_original_name(filename)
    kind = detect(data, original_name)  # by content; raises ValidationFailed with a Chinese message
    with transaction.atomic():
        revision = ItemRevision.objects.select_for_update().select_related("item").get(pk=revision.pk)
        _require_editable_draft(revision)
        stored = default_storage.save(
            f"catalogue/{_today():%Y/%m}/{uuid.uuid4().hex}.{kind.extension}", ContentFile(data)
        )
        attachment = Attachment.objects.create(
            revision=revision,
            file=stored,
            original_name=original_name,
            mime=kind.mime,
            extension=kind.extension,
            type_label=kind.label,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            extracted_text=_extract_text(original_name, data),
            sort_order=revision.attachments.count(),
        )
        audit.record(
            actor=actor,
            verb="catalogue.attachment_added",
            obj=attachment,
            agency=revision.item.agency,
            after={"revision": revision.pk, "name": original_name, "size": len(data), "mime": kind.mime},
        )
    return attachment


def remove_attachment(*, actor, attachment: Attachment) -> None:
    revision = attachment.revision
    if not can_edit_item(actor, revision.item):
        raise PermissionDenied("您无权删除该附件。")
    with transaction.atomic():
        revision = ItemRevision.objects.select_for_update().get(pk=revision.pk)
        _require_editable_draft(revision)
        name, file_name = attachment.original_name, attachment.file.name
        audit.record(
            actor=actor,
            verb="catalogue.attachment_removed",
            obj=attachment,
            agency=revision.item.agency,
            before={"revision": revision.pk, "name": name},
        )
        attachment.delete()
        if not Attachment.objects.filter(file=file_name).exists():
            transaction.on_commit(lambda: default_storage.delete(file_name))


# --- publication (called by the publishing adapter inside its transaction) ----------------------
def record_publication(*, actor, revision: ItemRevision, at) -> ItemRevision:
    """The revision became public at `at`: it becomes the item's current revision, the previous public
    revision is superseded, and lateness against the Art. 26 due date is recorded."""
    revision = ItemRevision.objects.select_for_update().select_related("item").get(pk=revision.pk)
    item = InformationItem.objects.select_for_update().get(pk=revision.item_id)
    previous = item.current_revision
    published_on = timezone.localdate(at)
    revision.status = RevisionStatus.PUBLISHED
    revision.published_at = at
    revision.late_by_days = deadlines.late_by_days(revision.due_on, published_on) if revision.due_on else None
    revision.save(update_fields=["status", "published_at", "late_by_days", "updated_at"])
    item.current_revision = revision
    item.first_published_at = item.first_published_at or at
    item.save(update_fields=["current_revision", "first_published_at"])
    if previous is not None and previous.pk != revision.pk:
        _supersede(actor=actor, revision=previous)
    audit.record(
        actor=actor,
        verb="catalogue.revision_published",
        obj=revision,
        agency=item.agency,
        after={
            "index_number": item.index_number,
            "number": revision.number,
            "published_on": published_on,
            "due_on": revision.due_on,
            "late_by_days": revision.late_by_days,
        },
    )
    sync_item(item)  # the site search follows publication (after commit)
    return revision


def _supersede(*, actor, revision: ItemRevision) -> None:
    from gongkai.publishing.selectors import workflow_for
    from gongkai.publishing.services import supersede

    workflow = workflow_for(revision)
    if workflow is not None and workflow.state == "published":
        supersede(actor=actor, workflow=workflow)  # calls the adapter's on_superseded
    mark_superseded(revision=revision)


def mark_superseded(*, revision: ItemRevision) -> None:
    ItemRevision.objects.filter(pk=revision.pk).update(status=RevisionStatus.SUPERSEDED)


def record_withdrawal(*, actor, revision: ItemRevision, reason: str) -> None:
    revision = ItemRevision.objects.select_for_update().select_related("item").get(pk=revision.pk)
    revision.status = RevisionStatus.WITHDRAWN
    revision.withdrawal_reason = reason
    revision.save(update_fields=["status", "withdrawal_reason", "updated_at"])
    item = revision.item
    if item.current_revision_id == revision.pk:
        item.current_revision = None
        item.save(update_fields=["current_revision"])
    audit.record(
        actor=actor,
        verb="catalogue.revision_withdrawn",
        obj=revision,
        agency=item.agency,
        after={"reason": reason},
    )
    sync_item(item)  # a withdrawn item leaves the site search (after commit)


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


def body_text(revision: ItemRevision) -> str:
    return html_to_text(revision.body)


def check_publishable(*, revision: ItemRevision) -> None:
    """What must hold before the approver can publish a revision (the adapter's check)."""
    if revision.disclosure_mode != DisclosureMode.PROACTIVE:
        raise ValidationFailed(
            "只有“主动公开”的政府信息可以发布到网站；依申请公开和不予公开的信息只登记不发布。"
        )
    if not revision.title.strip() or not revision.issuer.strip():
        raise ValidationFailed("标题和发文机关不能为空。")
    if revision.number > 1 and not revision.change_note.strip():
        raise ValidationFailed("更正版本必须有公开的更正说明。")
