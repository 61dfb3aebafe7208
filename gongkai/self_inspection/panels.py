"""我的工作: the open self-inspection and what is left to decide in it."""

from django.urls import reverse

from gongkai.core.work_panels import Panel

from . import selectors
from .permissions import can_manage
from .rules import Status


def self_inspection_panels(user) -> list[Panel]:
    if not can_manage(user):
        return []
    items = [
        (
            str(c),
            reverse("self_inspection_office:campaign", args=[c.pk]),
            f"未决定 {c.undecided_count} 项 / 共 {c.entry_count} 项",
        )
        for c in selectors.campaigns_for(user).filter(status=Status.OPEN)
    ]
    if not items:
        return []
    return [Panel(title="年度自查", items=items, more_url=reverse("self_inspection_office:campaigns"))]
