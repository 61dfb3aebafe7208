"""The periodic job: closes windows and reminds of reports coming due."""

from datetime import datetime

from django.db import transaction

from gongkai.core import audit
from gongkai.workdays.selectors import legal_date

from ..models import Consultation
from .common import REMIND_DAYS_BEFORE, _event, _is_public


def tick(now: datetime) -> dict:
    """Finalise closings (event + audit) and remind of reports due. Visibility never depends on it."""
    from gongkai.workdays.selectors import working_days_between

    closed = reminded = 0
    for consultation in Consultation.objects.filter(closes_at__lte=now, closed_recorded_at__isnull=True):
        if not _is_public(consultation):
            continue
        with transaction.atomic():
            locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
            if locked.closed_recorded_at is not None:
                continue
            locked.closed_recorded_at = now
            locked.save(update_fields=["closed_recorded_at"])
            _event(locked, "closed", at=locked.closes_at, note=f"共收到意见 {locked.comments.count()} 条")
            audit.record(
                actor=None,
                verb="consultation.closed",
                obj=locked,
                agency=locked.agency,
                after={"comments": locked.comments.count()},
            )
            closed += 1
    today = legal_date(now)
    due = (
        Consultation.objects.filter(closed_recorded_at__isnull=False, report_due_on__isnull=False)
        .exclude(report__published_at__isnull=False)
        .exclude(reminded_on=today)
    )
    for consultation in due:
        left = (
            working_days_between(today, consultation.report_due_on).working_days
            if consultation.report_due_on >= today
            else -1
        )
        if left > REMIND_DAYS_BEFORE:
            continue
        note = (
            "采纳情况今日到期"
            if left == 0
            else (f"采纳情况还有 {left} 个工作日到期" if left > 0 else "采纳情况已逾期")
        )
        Consultation.objects.filter(pk=consultation.pk).update(reminded_on=today)
        _event(consultation, "report_reminder", note=note, at=now)
        reminded += 1
    return {"closed": closed, "reminded": reminded}
