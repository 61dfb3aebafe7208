"""The SLA job: warnings before the reply is due and escalation after (ADR 0006)."""

from datetime import datetime, timedelta

from gongkai.core import jobs

from . import services


@jobs.register("public_messages.check_deadlines", every=timedelta(minutes=15))
def check_deadlines(now: datetime) -> dict:
    return services.check_deadlines(now)
