"""The home page's 在线访谈 block: the latest published interviews (announced, live or with transcript)."""

from django.urls import reverse
from django.utils import timezone

from . import selectors, services

LATEST = 3


def home_blocks(agency) -> list[dict]:
    now = timezone.now()
    rows = selectors.public_interviews(agency).order_by("-starts_at", "-id")[:LATEST]
    return [
        {
            "title": "在线访谈",
            "order": 42,
            "slot": "interaction",
            "more_url": reverse("interviews:list"),
            "empty_text": "暂无在线访谈。",
            "items": [
                (
                    f"[{services.PHASE_LABELS[services.phase(i, now)]}] {i.title}",
                    reverse("interviews:detail", args=[i.pk]),
                    timezone.localdate(i.starts_at),
                )
                for i in rows
            ],
        }
    ]
