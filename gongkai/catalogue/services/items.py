"""Items and revisions: create, edit a draft, start a correction; publication and withdrawal as the
publishing adapter records them; what must hold before publication."""

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import Department
from gongkai.core import audit
from gongkai.core.errors import InvalidTransition, PermissionDenied, ValidationFailed

from .. import deadlines, index_numbers
from ..models import (
    Attachment,
    DisclosureMode,
    InformationItem,
    ItemRevision,
    RevisionStatus,
    Source,
)
from ..permissions import can_create, can_edit_item
from ..sanitize import html_to_text
from ..search import sync_item
from .common import (
    COPIED_FIELDS,
    EDITABLE_FIELDS,
    _apply_deadline,
    _clean_fields,
    _require_editable_draft,
    _snapshot,
    _start_workflow,
    _today,
)


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
