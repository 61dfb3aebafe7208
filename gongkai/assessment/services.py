"""Running the website self-inspection (on demand by the openness office, daily by the worker)."""

from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.guard import require, user_or_none
from gongkai.accounts.roles import Role
from gongkai.accounts.selectors import staff_with_role
from gongkai.core import audit
from gongkai.core.errors import ValidationFailed
from gongkai.notifications.services import notify_staff

from . import indicators, rules
from .measures import MEASURES, MIN_OPENNESS_SHARE
from .models import Deduction, IndicatorResult, InspectionRun, Period, Scheme, Trigger, Verdict


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


# ---------------------------------------------------------------- the assessment scheme and deductions

SCHEME_FIELDS = ("openness_share", "period", "weights", "targets")


def save_scheme(*, actor, agency, openness_share, period: str, weights: dict, targets: dict) -> Scheme:
    """Set the agency's assessment scheme. Openness work may not weigh less than 4 % of the unit's whole
    performance assessment (seed 六(二))."""
    require(actor, "assessment.manage")
    share = Decimal(str(openness_share))
    if share < MIN_OPENNESS_SHARE:
        raise ValidationFailed(
            f"政务公开工作在绩效考核中的分值权重不得低于 {MIN_OPENNESS_SHARE}%（《关于全面推进政务公开工作的意见》"
            f"六(二)），不能设为 {share}%。",
            field="openness_share",
        )
    if share > 100:
        raise ValidationFailed("比重不能超过 100%。", field="openness_share")
    if period not in Period.values:
        raise ValidationFailed("考核周期只能是季度或年度。", field="period")
    clean_weights, clean_targets = {}, {}
    for measure in MEASURES:
        weight = Decimal(str(weights.get(measure.code, measure.default_weight)))
        target = Decimal(str(targets.get(measure.code, measure.default_target)))
        if weight < 0:
            raise ValidationFailed(f"“{measure.label}”的分值不能为负数。", field=f"weight_{measure.code}")
        if not 0 <= target <= 100:
            raise ValidationFailed(
                f"“{measure.label}”的达标线须在 0 到 100 之间。", field=f"target_{measure.code}"
            )
        clean_weights[measure.code], clean_targets[measure.code] = str(weight), str(target)
    if sum(Decimal(w) for w in clean_weights.values()) <= 0:
        raise ValidationFailed("各项分值合计须大于 0。")
    with transaction.atomic():
        scheme = Scheme.objects.select_for_update().filter(agency=agency).first()
        before = {f: getattr(scheme, f) for f in SCHEME_FIELDS} if scheme else None
        if scheme is None:
            scheme = Scheme(agency=agency)
        scheme.openness_share, scheme.period = share, period
        scheme.weights, scheme.targets = clean_weights, clean_targets
        scheme.save()
        audit.record(
            actor=actor,
            verb="assessment_scheme.saved",
            obj=scheme,
            agency=agency,
            before=before,
            after={f: getattr(scheme, f) for f in SCHEME_FIELDS},
        )
    return scheme


def record_deduction(*, actor, agency, department, found_on, points, reason: str, evidence: str) -> Deduction:
    """A 察访核验 deduction: who found what, when, how many points, and the evidence."""
    require(actor, "assessment.manage")
    if not (reason or "").strip():
        raise ValidationFailed("请填写扣分事由。", field="reason")
    if not (evidence or "").strip():
        raise ValidationFailed("察访核验扣分须附证据（网址、截图说明或记录编号）。", field="evidence")
    points = Decimal(str(points))
    if points <= 0:
        raise ValidationFailed("扣分须大于 0。", field="points")
    if department is not None and department.agency_id != agency.pk:
        raise ValidationFailed("处室不属于本机关。", field="department")
    with transaction.atomic():
        deduction = Deduction.objects.create(
            agency=agency,
            department=department,
            found_on=found_on,
            points=points,
            reason=reason.strip(),
            evidence=evidence.strip(),
            recorded_by=user_or_none(actor),
        )
        audit.record(
            actor=actor,
            verb="assessment_deduction.recorded",
            obj=deduction,
            agency=agency,
            after={"points": points, "reason": deduction.reason, "found_on": found_on},
        )
    return deduction
