from datetime import timedelta

from gongkai.core.jobs import register

from .services import check_clocks


@register("incidents.check_clocks", every=timedelta(minutes=1))
def run(now):
    """Warnings before a breach and escalation after it (the clocks themselves are computed at read time)."""
    return check_clocks(now)
