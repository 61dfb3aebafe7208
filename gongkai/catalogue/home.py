"""The home page's 最新政府信息 block (named in gongkai.web.home.HOME_BLOCK_PROVIDERS)."""

from django.urls import reverse
from django.utils import timezone

from . import selectors

LATEST = 8


def home_blocks(agency) -> list[dict]:
    revisions = (
        selectors.public_revisions(agency).filter(item__slug__gt="").order_by("-public_at", "-id")[:LATEST]
    )
    return [
        {
            "title": "最新政府信息",
            "order": 10,
            "slot": "news",
            "more_url": reverse("catalogue:items"),
            "empty_text": "暂无主动公开的政府信息。",
            "items": [
                (
                    r.title,
                    reverse("catalogue:item", args=[r.item.slug]),
                    timezone.localdate(r.public_at) if r.public_at else None,
                )
                for r in revisions
            ],
        }
    ]
