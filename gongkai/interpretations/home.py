"""The 政策解读 block of the home page (listed in gongkai.web.home.HOME_BLOCK_PROVIDERS)."""

from django.urls import reverse
from django.utils import timezone

from .selectors import public_interpretations

LATEST = 6


def interpretation_blocks(agency) -> list[dict]:
    rows = public_interpretations(agency).order_by("-public_at", "-id")[:LATEST]
    return [
        {
            "title": "政策解读",
            "order": 20,
            "slot": "news",
            "more_url": reverse("interpretations:list"),
            "empty_text": "暂无政策解读。",
            "items": [
                (
                    i.title,
                    reverse("interpretations:detail", args=[i.pk]),
                    timezone.localdate(i.public_at) if i.public_at else None,
                )
                for i in rows
            ],
        }
    ]
