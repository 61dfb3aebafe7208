from datetime import timedelta

from django.utils import timezone

from gongkai.core.jobs import register

from . import services

DIGEST_HOUR = 8  # local time of the daily digest (local rule)


@register("notifications.fan_out", every=timedelta(minutes=1))
def fan_out(now):
    return services.fan_out(now)


@register("notifications.digest", every=timedelta(minutes=30))
def digest(now):
    if timezone.localtime(now).hour != DIGEST_HOUR:
        return 0
    return services.send_digests(now)
