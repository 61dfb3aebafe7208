"""Demo: two website self-inspections of the demo site (yesterday's daily run and one started now)."""

from datetime import timedelta

from django.utils import timezone

from gongkai.accounts.guard import SYSTEM

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
    save_scheme(
        actor=actor,
        agency=agency,
        openness_share=5,
        period="quarter",
        weights={
            "items_on_time": 25,
            "interpretation_coverage": 15,
            "foi_on_time": 25,
            "messages_in_sla": 20,
            "inspection_indicators": 15,
        },
        targets={
            "items_on_time": 95,
            "interpretation_coverage": 90,
            "foi_on_time": 100,
            "messages_in_sla": 95,
            "inspection_indicators": 90,
        },
    )
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
