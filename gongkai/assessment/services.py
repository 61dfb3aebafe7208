"""Running the website self-inspection (on demand by the openness office, daily by the worker)."""

from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.guard import require, user_or_none
from gongkai.accounts.roles import Role
from gongkai.accounts.selectors import staff_with_role
from gongkai.core import audit
from gongkai.notifications.services import notify_staff

from . import indicators, rules
from .models import IndicatorResult, InspectionRun, Trigger, Verdict


def run_inspection(
    *,
    actor,
    agency,
    now: datetime | None = None,
    trigger: str = Trigger.ON_DEMAND,
    max_pages: int = rules.CRAWL_MAX_PAGES,
) -> InspectionRun:
    """Compute every indicator, store the run with its results, and tell the openness office of any
    fail or warning (国办秘函〔2019〕19号)."""
    require(actor, "assessment.inspect")
    now = now or timezone.now()
    outcomes, pages = indicators.compute(
        agency, now, max_pages=max_pages
    )  # crawling happens outside the write
    verdicts = [o.verdict for o in outcomes]
    with transaction.atomic():
        run = InspectionRun.objects.create(
            agency=agency,
            checked_at=now,
            trigger=trigger,
            started_by=user_or_none(actor),
            verdict=rules.overall(verdicts),
            pages_crawled=pages,
            fail_count=verdicts.count(Verdict.FAIL),
            warning_count=verdicts.count(Verdict.WARNING),
        )
        IndicatorResult.objects.bulk_create(
            IndicatorResult(
                run=run,
                code=o.code,
                name=o.name,
                verdict=o.verdict,
                rule=o.rule,
                source=o.source,
                summary=o.summary[:300],
                measured=o.measured,
                evidence=o.evidence,
                sort_order=order,
            )
            for order, o in enumerate(outcomes)
        )
        audit.record(
            actor=actor,
            verb="inspection.run",
            obj=run,
            agency=agency,
            after={
                "verdict": run.verdict,
                "fail": run.fail_count,
                "warning": run.warning_count,
                "pages": pages,
            },
        )
        _notify(run, [o for o in outcomes if o.verdict in (Verdict.FAIL, Verdict.WARNING)])
    return run


def _notify(run: InspectionRun, flagged) -> None:
    if not flagged:
        return
    subject = f"网站自查：{run.fail_count} 项不合格，{run.warning_count} 项预警（{timezone.localtime(run.checked_at):%Y-%m-%d}）"
    lines = [f"【{dict(Verdict.choices)[o.verdict]}】{o.name}：{o.summary}" for o in flagged]
    lines.append(f"详情：{reverse('assessment_office:run', args=[run.pk])}")
    for user in staff_with_role(run.agency, Role.OPENNESS_OFFICE):
        notify_staff(
            user,
            kind="assessment.inspection",
            key=f"assessment.inspection:{run.pk}:{user.pk}",
            subject=subject,
            body="\n".join(lines),
        )


def run_daily(now: datetime) -> int:
    """The worker's daily run, one per agency per local day (idempotent within the day)."""
    from gongkai.accounts.guard import SYSTEM
    from gongkai.core.models import Agency

    today = timezone.localdate(now)
    done = 0
    for agency in Agency.objects.all():
        already = InspectionRun.objects.filter(
            agency=agency, trigger=Trigger.SCHEDULED, checked_at__date=today
        ).exists()
        if not already:
            run_inspection(actor=SYSTEM, agency=agency, now=now, trigger=Trigger.SCHEDULED)
            done += 1
    return done
