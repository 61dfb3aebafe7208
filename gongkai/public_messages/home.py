"""The home page's 留言答复 block: the latest published answers."""

from django.urls import reverse
from django.utils import timezone

from . import selectors

LATEST = 5


def home_blocks(agency) -> list[dict]:
    rows = selectors.public_messages(agency).exclude(number=None)[:LATEST]
    return [
        {
            "title": "留言答复",
            "order": 41,
            "slot": "interaction",
            "more_url": reverse("public_messages:list"),
            "empty_text": "暂无公开的留言答复。",
            "items": [
                (
                    f"[{m.get_category_display()}] {m.subject}",
                    reverse("public_messages:detail", args=[m.number]),
                    timezone.localdate(m.replied_at) if m.replied_at else None,
                )
                for m in rows
            ],
        }
    ]
