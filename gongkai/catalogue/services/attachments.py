"""Attachments of a draft revision: size limit, safe names, text extraction for search and review."""

import hashlib
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from gongkai.core import audit
from gongkai.core.errors import PermissionDenied, ValidationFailed

from ..models import (
    Attachment,
    ItemRevision,
)
from ..permissions import can_edit_item
from .common import (
    _require_editable_draft,
    _today,
)


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
