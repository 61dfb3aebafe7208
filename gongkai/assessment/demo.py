"""Demo: two website self-inspections of the demo site (yesterday's daily run and one started now)."""

from datetime import timedelta

from django.utils import timezone

from gongkai.accounts.guard import SYSTEM

from .models import Trigger
from .services import run_inspection

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
    if stdout:
        stdout.write(
            f"网站自查：2 次，最近一次 {latest.fail_count} 项不合格、{latest.warning_count} 项预警。"
        )
