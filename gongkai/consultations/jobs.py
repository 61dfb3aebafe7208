"""The periodic job: record closings and remind of 采纳情况 reports due (ADR 0006). The window itself
opens and closes at read time (rules.phase); this only finalises and reminds."""

from datetime import datetime, timedelta

from gongkai.core import jobs

from . import services


@jobs.register("consultations.tick", every=timedelta(minutes=5))
def tick(now: datetime) -> dict:
    return services.tick(now)
