from datetime import timedelta

from gongkai.core.jobs import register

from .services import run_daily


@register("assessment.daily_inspection", every=timedelta(hours=1))
def run(now):
    """The website self-inspection once a day per agency (the job checks hourly whether today's run exists)."""
    return run_daily(now)
