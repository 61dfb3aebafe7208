"""The periodic job of the workflow: finalise scheduled publications whose minute has come (ADR 0006)."""

from datetime import datetime, timedelta

from gongkai.core import jobs

from . import services


@jobs.register("publishing.publish_due", every=timedelta(minutes=1))
def publish_due(now: datetime) -> int:
    return services.publish_due(now)
