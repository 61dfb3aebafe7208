"""The home page's 征求意见 block: consultations open for comment now (read at request time)."""

from django.urls import reverse
from django.utils import timezone

from . import selectors

LATEST = 5


def home_blocks(agency) -> list[dict]:
    now = timezone.now()
    rows = selectors.filter_phase(selectors.public_consultations(agency, now=now), "open", now=now)[:LATEST]
    return [
        {
            "title": "正在征求意见",
            "order": 40,
            "slot": "interaction",
            "more_url": reverse("consultations:list"),
            "empty_text": "目前没有正在征求意见的草案。",
            "items": [
                (
                    f"{c.title}（截止 {timezone.localtime(c.closes_at):%m月%d日}）",
                    reverse("consultations:detail", args=[c.pk]),
                    timezone.localdate(c.opens_at),
                )
                for c in rows
            ],
        }
    ]
