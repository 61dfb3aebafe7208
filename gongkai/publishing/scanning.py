"""The workflow's use of the confidentiality scan (保密审查): run it, and decide what still blocks.

A high-severity finding blocks review and approval until a reviewer or approver overrides it with a
reason. The scan runs again at approval, and every rerun stores a new report; an override of an earlier
report of the same content carries over to an identical finding (same kind, location and masked
excerpt), so that only *new* findings block again (ADR 0009).
"""

from gongkai.confidentiality import selectors as confidentiality_selectors
from gongkai.confidentiality import services as confidentiality_services
from gongkai.confidentiality.models import ScanFinding

from .registry import adapter_for

SUBMISSION = "submission"
APPROVAL = "approval"


def run(*, actor, workflow, stage: str):
    """Scan the workflow's content and store the report (confidentiality.run_scan)."""
    content = workflow.content
    sources, files = adapter_for(content).scan_sources(content)
    return confidentiality_services.run_scan(
        actor=actor,
        agency=workflow.agency,
        subject=content,
        stage=stage,
        sources=list(sources),
        files=list(files),
    )


def latest_report(workflow, stage: str | None = None):
    return confidentiality_selectors.latest_report(workflow.content, stage=stage)


def _signature(finding) -> tuple:
    return (finding.kind, finding.location, finding.excerpt)


def blocking(report) -> list:
    """High findings of `report` that are neither overridden nor identical to an overridden one."""
    if report is None:
        return []
    findings = list(confidentiality_selectors.blocking_findings(report))
    if not findings:
        return []
    overridden = {
        _signature(f)
        for f in ScanFinding.objects.filter(
            report__subject_type=report.subject_type,
            report__subject_id=report.subject_id,
            report__agency_id=report.agency_id,
            overridden_at__isnull=False,
        )
    }
    return [f for f in findings if _signature(f) not in overridden]
