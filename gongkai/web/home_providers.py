"""Home-page blocks of apps that cannot carry their own provider yet.

政策解读: the interpretations app is being finished by another engineer; until it has its own
`interpretations/home.py`, web (which sits above it in the layers) supplies the block from its public
selector. Move this function there and change the one line in HOME_BLOCK_PROVIDERS.
"""

from django.urls import reverse
from django.utils import timezone

LATEST = 6


def interpretation_blocks(agency) -> list[dict]:
    from gongkai.interpretations.selectors import public_interpretations

    rows = public_interpretations(agency).order_by("-public_at", "-id")[:LATEST]
    return [{
        "title": "政策解读", "order": 20, "slot": "news", "more_url": reverse("interpretations:list"),
        "empty_text": "暂无政策解读。",
        "items": [(i.title, reverse("interpretations:detail", args=[i.pk]),
                   timezone.localdate(i.public_at) if i.public_at else None) for i in rows],
    }]
