"""The home page's 调查征集 block: the latest published surveys (open ones first)."""

from django.urls import reverse
from django.utils import timezone

from . import rules, selectors

LATEST = 3


def home_blocks(agency) -> list[dict]:
    now = timezone.now()
    rows = selectors.public_surveys(agency).order_by("-opens_at", "-id")[:LATEST]
    return [
        {
            "title": "调查征集",
            "order": 43,
            "slot": "interaction",
            "more_url": reverse("surveys:list"),
            "empty_text": "暂无调查征集。",
            "items": [
                (
                    f"[{rules.PHASE_LABELS[selectors.phase_of(s, now)]}] {s.title}",
                    reverse("surveys:detail", args=[s.pk]),
                    timezone.localdate(s.opens_at),
                )
                for s in rows
            ],
        }
    ]
