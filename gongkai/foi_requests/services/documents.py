"""Documents attached to a request: uploads checked by content and the confidentiality scan,
catalogue items, and the reviewer's release of a blocking finding."""

from django.core.files.base import ContentFile
from django.db import transaction

from gongkai.accounts import guard
from gongkai.confidentiality import filetypes
from gongkai.confidentiality import services as confidentiality
from gongkai.confidentiality.models import ScanReport
from gongkai.core import audit
from gongkai.core.errors import ValidationFailed

from ..models import (
    FoiRequest,
    RequestDocument,
)


def _scan(actor, doc: RequestDocument, filename: str, data: bytes) -> list[dict]:
    """The confidentiality scan with the agency's negative list; its ScanReport is stored (and audited)
    against the document, and the findings are copied onto it for the blocking check at answer time."""
    report = confidentiality.run_scan(
        actor=actor,
        agency=doc.request.agency,
        subject=doc,
        stage=ScanReport.Stage.SUBMISSION,
        sources=[],
        files=[(filename, data)],
    )
    return [
        {
            "kind": f.kind,
            "severity": f.severity,
            "location": f.location,
            "excerpt": f.excerpt,
            "detail": f.detail,
        }
        for f in report.findings.order_by("position")
    ]


def attach_document(
    *,
    actor,
    foi_request: FoiRequest,
    filename: str,
    data: bytes,
    title: str = "",
    role: str = RequestDocument.Role.DISCLOSED,
) -> RequestDocument:
    """An uploaded document: its type checked by content and run through the confidentiality scan."""
    guard.require(actor, "foi.handle", foi_request)
    kind = filetypes.detect(data, filename)
    with transaction.atomic():
        doc = RequestDocument(
            request=foi_request, role=role, title=title or filename, mime=kind.mime, size=len(data)
        )
        stem = "".join(ch for ch in filename.rsplit(".", 1)[0] if ch.isalnum())[:40] or "document"
        doc.file.save(f"{stem}.{kind.extension}", ContentFile(data), save=False)
        doc.save()
        findings = doc.findings = _scan(actor, doc, filename, data)
        doc.save(update_fields=["findings"])
        audit.record(
            actor=actor,
            verb="foi_request.document_attached",
            obj=foi_request,
            after={"document": doc.pk, "title": doc.title, "findings": len(findings)},
        )
    return doc


def attach_catalogue_item(*, actor, foi_request: FoiRequest, item) -> RequestDocument:
    guard.require(actor, "foi.handle", foi_request)
    if item.agency_id != foi_request.agency_id:
        raise ValidationFailed("只能附上本机关的政府信息。", field="item")
    revision = getattr(item, "current_revision", None)
    with transaction.atomic():
        doc = RequestDocument.objects.create(
            request=foi_request,
            role=RequestDocument.Role.DISCLOSED,
            title=getattr(revision, "title", "") or str(item),
            catalogue_item=item,
        )
        audit.record(
            actor=actor,
            verb="foi_request.document_attached",
            obj=foi_request,
            after={"document": doc.pk, "catalogue_item": item.pk},
        )
    return doc


def override_document_findings(*, actor, document: RequestDocument, reason: str) -> RequestDocument:
    guard.require(actor, "confidentiality.override", document.request)
    if not reason.strip():
        raise ValidationFailed("请说明放行理由。", field="reason")
    with transaction.atomic():
        document.overridden_by, document.override_reason = actor, reason
        document.save(update_fields=["overridden_by", "override_reason"])
        audit.record(
            actor=actor,
            verb="foi_request.scan_overridden",
            obj=document.request,
            after={"document": document.pk, "reason": reason},
        )
    return document
