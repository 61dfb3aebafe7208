"""Demo: two website self-inspections of the demo site (yesterday's daily run and one started now), the
assessment scheme with its default points, a 察访核验 deduction and two decided review cases."""

from datetime import timedelta

from django.utils import timezone

from gongkai.accounts.guard import SYSTEM
from gongkai.foi_requests.models import FoiRequest, ReviewCase
from gongkai.foi_requests.services import save_review_case

from .models import Trigger
from .services import record_deduction, run_inspection, save_scheme

DEMO_CRAWL_PAGES = 60  # the demo keeps the crawl short; the worker's bound is rules.CRAWL_MAX_PAGES


def load_assessment(*, agency, users, stdout=None) -> None:
    now = timezone.now()
    run_inspection(
        actor=SYSTEM,
        agency=agency,
        now=now - timedelta(days=1),
        trigger=Trigger.SCHEDULED,
        max_pages=DEMO_CRAWL_PAGES,
    )
    office = users.get("gongkaiban", SYSTEM)
    latest = run_inspection(actor=office, agency=agency, now=now, max_pages=DEMO_CRAWL_PAGES)
    actor = office if office is not SYSTEM else SYSTEM
    save_scheme(actor=actor, agency=agency, openness_share=5, period="quarter", weights={}, targets={})
    _review_cases(agency, users, timezone.localdate(now))
    record_deduction(
        actor=actor,
        agency=agency,
        department=None,
        found_on=timezone.localdate(now),
        points=1,
        reason="察访核验：网站“政策解读”栏目存在空白子栏目",
        evidence="市政府办公厅察访核验记录（演示）：/zcjd/ 页面截图，核验人 张某",
    )
    if stdout:
        stdout.write(
            f"网站自查：2 次，最近一次 {latest.fail_count} 项不合格、{latest.warning_count} 项预警。"
        )


def _review_cases(agency, users, today) -> None:
    """Two reviews decided today: one answer upheld, one corrected (依申请公开未被纠错)."""
    actor = users.get("gongkaiban", SYSTEM)
    answered = list(FoiRequest.objects.filter(agency=agency, closed_on__isnull=False).order_by("pk")[:2])
    outcomes = (ReviewCase.Result.UPHELD, ReviewCase.Result.CORRECTED)
    for number, result in enumerate(outcomes, 1):
        save_review_case(
            actor=actor,
            agency=agency,
            kind=ReviewCase.Kind.REVIEW,
            year=today.year,
            case_number=f"榕政复决〔{today.year}〕{number}号（演示）",
            filed_on=today,
            result=result,
            decided_on=today,
            request=answered[number - 1] if len(answered) >= number else None,
            note="演示案件",
        )
