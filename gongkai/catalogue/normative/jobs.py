"""The normative-document reminder job and the openness office's work panel."""

from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone

from gongkai.core import jobs
from gongkai.core.work_panels import Panel

from ..permissions import can_manage_normative
from . import selectors as normative_selectors
from . import services as normative


@jobs.register("catalogue.normative_expiry", every=timedelta(hours=6))
def normative_expiry(now: datetime) -> dict:
    return normative.run_expiry_reminders(today=timezone.localdate(now))


def normative_panels(user) -> list[Panel]:
    if not can_manage_normative(user):
        return []
    expiring = list(normative_selectors.expiring_soon(user)[:5])
    items = [
        (
            str(d.item.current_revision or d.item),
            reverse("catalogue_office:normative_detail", args=[d.pk]),
            f"有效期至 {d.expires_on:%Y-%m-%d}",
        )
        for d in expiring
    ]
    open_campaigns = normative_selectors.campaigns_for(user).filter(status="open").count()
    if open_campaigns:
        items.append(("进行中的规范性文件清理", reverse("catalogue_office:cleanups"), f"{open_campaigns} 项"))
    return [
        Panel(
            title="规范性文件（6 个月内到期）",
            items=items,
            empty_text="6 个月内没有到期的规范性文件。",
            more_url=reverse("catalogue_office:normative"),
        )
    ]
