from datetime import timedelta

from gongkai.core.jobs import register

from .services import deliver_due


@register("outbox.deliver", every=timedelta(seconds=0))
def deliver(now):
    """Every worker tick: send what is due (messages are written by the services that cause them)."""
    return deliver_due()
