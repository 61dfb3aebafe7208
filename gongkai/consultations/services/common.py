"""What every stage of a consultation shares: text limits, the local rules (window, report days),
the fetch-and-lock, the event, and the checks on the window and the workflow."""

from datetime import date, datetime

from django.utils import timezone

from gongkai.accounts.guard import fetch_for
from gongkai.core.errors import ValidationFailed
from gongkai.workdays.selectors import add_working_days, legal_date

from .. import rules
from ..models import (
    Consultation,
    ConsultationEvent,
)

BODY_MIN, BODY_MAX = 5, 5000
REASON_MAX = 1000
REMIND_DAYS_BEFORE = 3  # local: reminders start three working days before the report is due


def report_days(agency=None) -> int:
    from gongkai.core import agency_settings  # per agency (issue 18 item 7)

    return agency_settings.value("consultation_report_days", agency)


def ordinary_min_days(agency=None) -> int:
    """The shortest window of an ordinary consultation without a published reason (local rule, per
    agency: core.agency_settings)."""
    from gongkai.core import agency_settings

    return agency_settings.value("consultation_min_days", agency)


def _text(value: str, *, field: str, label: str, required: bool = True, max_length: int = REASON_MAX) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationFailed(f"请填写{label}。", field=field)
    if len(value) > max_length:
        raise ValidationFailed(f"{label}不能超过 {max_length} 字。", field=field)
    return value


def _lock(actor, consultation: Consultation) -> Consultation:
    """Fetch-and-authorise: the row, locked, if `actor` may see it (承办人: own department)."""
    return fetch_for(actor, Consultation, consultation.pk, lock=True, not_found="没有找到该征求意见。")


def _event(consultation, verb: str, *, actor=None, note: str = "", at: datetime | None = None) -> None:
    ConsultationEvent.objects.create(
        consultation=consultation, verb=verb, actor=actor, note=note, at=at or timezone.now()
    )


def _is_public(consultation) -> bool:
    from gongkai.publishing.selectors import is_public

    return is_public(consultation)


def _frozen(consultation) -> bool:
    """Submitted, approved or published content is not edited in place (return it to draft first)."""
    from gongkai.publishing.selectors import workflow_for

    workflow = workflow_for(consultation)
    return workflow is not None and workflow.state != "draft"


def _check_window(*, opens_at, closes_at, is_major, is_urgent, urgency_reason) -> None:
    if opens_at is None or closes_at is None:
        raise ValidationFailed(
            "请填写征求意见的开始和截止时间。", field="opens_at" if opens_at is None else "closes_at"
        )
    problem = rules.window_problem(
        opens_at=opens_at,
        closes_at=closes_at,
        is_major=is_major,
        is_urgent=is_urgent,
        urgency_reason=urgency_reason,
        ordinary_min_days=ordinary_min_days(),
    )
    if problem:
        raise ValidationFailed(problem[1], field=problem[0])


def _report_due(closes_at: datetime) -> date:
    return add_working_days(legal_date(closes_at), report_days()).due


FIELDS = (
    "title",
    "summary",
    "basis",
    "explanation",
    "is_major",
    "opens_at",
    "closes_at",
    "is_urgent",
    "urgency_reason",
    "email",
    "postal_address",
    "department",
)


def _snapshot(c: Consultation) -> dict:
    return {name: (getattr(c, f"{name}_id") if name == "department" else getattr(c, name)) for name in FIELDS}
