"""Reads of the confidentiality app."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from .models import NegativeListEntry, ScanFinding, ScanReport


def reports_for(subject) -> QuerySet[ScanReport]:
    return ScanReport.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=str(subject.pk)
    ).order_by("-created_at", "-id")


def latest_report(subject, stage: str | None = None) -> ScanReport | None:
    reports = reports_for(subject)
    if stage:
        reports = reports.filter(stage=stage)
    return reports.first()


def findings_of(report: ScanReport | None) -> QuerySet[ScanFinding]:
    if report is None:
        return ScanFinding.objects.none()
    return report.findings.select_related("overridden_by").order_by("position", "id")


def blocking_findings(report: ScanReport | None) -> QuerySet[ScanFinding]:
    """High-severity findings nobody has overridden: these block review and approval."""
    return findings_of(report).filter(severity=ScanFinding.Severity.HIGH, overridden_at__isnull=True)


def active_negative_terms(agency) -> list[tuple[str, str]]:
    """(term, legal basis) of every active negative-list matter of the agency, for `scanner.scan`."""
    terms = []
    for entry in NegativeListEntry.objects.filter(agency=agency, is_active=True).order_by("sort_order", "id"):
        terms += [(term, entry.legal_basis) for term in entry.term_list]
    return terms


def negative_list(agency, *, include_inactive: bool = False) -> QuerySet[NegativeListEntry]:
    entries = NegativeListEntry.objects.filter(agency=agency)
    if not include_inactive:
        entries = entries.filter(is_active=True)
    return entries.order_by("sort_order", "id")


def own_email_domains(agency) -> list[str]:
    """E-mail domains of the agency itself (from its site settings' contact address): addresses there
    are institutional, never reported as personal e-mail."""
    from gongkai.core.models import SiteSettings

    email = SiteSettings.objects.filter(agency=agency).values_list("email", flat=True).first() or ""
    return [email.rsplit("@", 1)[1].lower()] if "@" in email else []
