from django import template

from .. import selectors
from ..permissions import can_override_findings as _can_override
from ..scanner import KIND_LABELS, SEVERITY_LABELS

register = template.Library()


@register.simple_tag
def scan_findings(report=None, findings=None):
    """Findings of a stored report in order, or the given unsaved scanner findings."""
    if report:
        return list(selectors.findings_of(report))
    return list(findings or [])


@register.filter
def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


@register.filter
def severity_label(severity: str) -> str:
    return SEVERITY_LABELS.get(severity, severity)


@register.filter
def can_override_findings(user) -> bool:
    return _can_override(user)
