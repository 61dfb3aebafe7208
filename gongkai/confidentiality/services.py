"""Every write of the confidentiality app: check, write, audit, in one transaction."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.accounts.guard import require
from gongkai.core import audit
from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.core.models import Agency

from . import scanner
from .models import NegativeListEntry, ScanFinding, ScanReport
from .selectors import active_negative_terms, own_email_domains

OVERRIDE_REASON_MIN_LENGTH = 4


def _summary(findings) -> dict:
    counts = {"high": 0, "medium": 0, "low": 0}
    for finding in findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    return counts


def scan_files(
    *, agency: Agency, sources: list[scanner.Source] = (), files: list[tuple[str, bytes]] = ()
) -> list[scanner.Finding]:
    """Scan without storing anything (the "检查文件" tool and previews)."""
    everything = list(sources)
    for filename, data in files:
        everything += scanner.extract_sources(filename, data)
    return scanner.scan(
        everything, negative_terms=active_negative_terms(agency), own_domains=own_email_domains(agency)
    )


def run_scan(
    *,
    actor,
    agency: Agency,
    subject,
    stage: str,
    sources: list[scanner.Source],
    files: list[tuple[str, bytes]],
) -> ScanReport:
    """Scan body and attachments of `subject` with the agency's negative list and store the report.

    Called by the publication workflow (条例 Art. 17: review before publication) at submission and again
    at approval, so that a change made in between is seen. `actor` may be None for the scheduler.
    """
    if stage not in ScanReport.Stage.values:
        raise ValidationFailed(f"未知的检查阶段：{stage}")
    if getattr(subject, "agency_id", agency.pk) != agency.pk:
        raise PermissionDenied("不能检查其他机关的内容。")
    findings = scan_files(agency=agency, sources=sources, files=files)
    with transaction.atomic():
        report = ScanReport.objects.create(
            agency=agency,
            subject_type=ContentType.objects.get_for_model(subject),
            subject_id=str(subject.pk),
            stage=stage,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            files_scanned=len(files),
        )
        ScanFinding.objects.bulk_create(
            [
                ScanFinding(
                    report=report,
                    position=n,
                    kind=f.kind,
                    severity=f.severity,
                    location=f.location[:500],
                    excerpt=f.excerpt[:500],
                    detail=f.detail,
                )
                for n, f in enumerate(findings)
            ]
        )
        audit.record(
            actor=actor,
            verb="confidentiality.scanned",
            obj=report,
            agency=agency,
            after={
                "subject": f"{report.subject_type.model}:{report.subject_id}",
                "stage": stage,
                "files": [name for name, _ in files],
                "findings": _summary(findings),
            },
        )
    return report


def override_finding(*, actor, finding: ScanFinding, reason: str) -> ScanFinding:
    """A named reviewer or approver accepts a finding with a reason; the reason is audited."""
    require(
        actor,
        "confidentiality.override",
        finding.report,
        department_field=None,
        message="只有保密审查员或分管领导可以确认检查发现。",
    )
    reason = (reason or "").strip()
    if len(reason) < OVERRIDE_REASON_MIN_LENGTH:
        raise ValidationFailed(f"请填写确认理由（至少 {OVERRIDE_REASON_MIN_LENGTH} 个字）。", field="reason")
    with transaction.atomic():
        finding = ScanFinding.objects.select_for_update().select_related("report").get(pk=finding.pk)
        if finding.is_overridden:
            raise ValidationFailed("该检查发现已经确认过。")
        finding.overridden_by = actor
        finding.override_reason = reason
        finding.overridden_at = timezone.now()
        finding.save(update_fields=["overridden_by", "override_reason", "overridden_at"])
        audit.record(
            actor=actor,
            verb="confidentiality.finding_overridden",
            obj=finding,
            agency=finding.report.agency,
            after={
                "kind": finding.kind,
                "severity": finding.severity,
                "location": finding.location,
                "excerpt": finding.excerpt,
                "reason": reason,
            },
        )
    return finding


def _entry_snapshot(entry: NegativeListEntry) -> dict:
    return {
        "matter": entry.matter,
        "terms": entry.term_list,
        "legal_basis": entry.legal_basis,
        "note": entry.note,
        "sort_order": entry.sort_order,
        "is_active": entry.is_active,
    }


def save_negative_list_entry(
    *,
    actor,
    agency: Agency,
    entry: NegativeListEntry | None = None,
    matter: str,
    legal_basis: str,
    terms: str = "",
    note: str = "",
    sort_order: int = 0,
    is_active: bool = True,
) -> NegativeListEntry:
    """Create or edit a negative-list matter (openness office only)."""
    require(actor, "negative_list.manage", agency, message="只有政务公开办可以维护负面清单。")
    if entry is not None and entry.agency_id != agency.pk:
        raise PermissionDenied("不能修改其他机关的负面清单。")
    matter = (matter or "").strip()
    legal_basis = (legal_basis or "").strip()
    if not matter:
        raise ValidationFailed("请填写不予公开事项。", field="matter")
    if not legal_basis:
        raise ValidationFailed("请填写法律依据（如《政府信息公开条例》第十四条）。", field="legal_basis")
    lines = [line.strip() for line in (terms or "").splitlines() if line.strip()]
    if short := [line for line in lines if len(line) < 2]:
        raise ValidationFailed(f"检查用词语至少 2 个字（“{short[0]}”太短，会造成大量误报）。", field="terms")
    before = _entry_snapshot(entry) if entry else None
    with transaction.atomic():
        if entry is None:
            entry = NegativeListEntry(agency=agency)
        else:
            entry = NegativeListEntry.objects.select_for_update().get(pk=entry.pk)
        entry.matter = matter
        entry.legal_basis = legal_basis
        entry.terms = "\n".join(dict.fromkeys(lines))
        entry.note = (note or "").strip()
        entry.sort_order = sort_order or 0
        entry.is_active = is_active
        try:
            with transaction.atomic():
                entry.save()
        except IntegrityError as error:
            raise ValidationFailed("负面清单中已有相同的事项。", field="matter") from error
        audit.record(
            actor=actor,
            verb="negative_list.created" if before is None else "negative_list.changed",
            obj=entry,
            agency=agency,
            before=before,
            after=_entry_snapshot(entry),
        )
    return entry


def deactivate_negative_list_entry(*, actor, entry: NegativeListEntry) -> NegativeListEntry:
    """Take a matter off the public list and out of the scan; the record stays for the history."""
    require(
        actor,
        "negative_list.manage",
        entry,
        department_field=None,
        message="只有政务公开办可以维护负面清单。",
    )
    with transaction.atomic():
        entry = NegativeListEntry.objects.select_for_update().get(pk=entry.pk)
        if not entry.is_active:
            return entry
        entry.is_active = False
        entry.save(update_fields=["is_active", "updated_at"])
        audit.record(
            actor=actor,
            verb="negative_list.deactivated",
            obj=entry,
            agency=entry.agency,
            before={"is_active": True},
            after={"is_active": False},
        )
    return entry
