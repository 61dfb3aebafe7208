"""The home page's 数据发布 blocks: the coming releases of the 发布日程 and the latest released ones.

The coming releases show only what the public calendar shows (date and title, never content, no link
to an embargoed page: 统计法实施条例 Art. 28); the latest ones go through the embargo filter.
"""

from django.urls import reverse
from django.utils import timezone

from . import selectors
from .models import Release

LATEST = 6
UPCOMING = 5


def home_blocks(agency) -> list[dict]:
    now = timezone.now()
    calendar = reverse("opendata:calendar")
    upcoming = (
        selectors.release_calendar(agency)
        .filter(scheduled_at__gt=now)
        .order_by("scheduled_at", "id")[:UPCOMING]
    )
    released = selectors.public_releases(agency, now)[:LATEST]
    return [
        {
            "title": "最新数据发布",
            "order": 30,
            "slot": "data",
            "more_url": reverse("opendata:bulletins"),
            "empty_text": "暂无已发布的统计数据。",
            "items": [
                (r.title, reverse("opendata:release", args=[r.pk]), timezone.localdate(r.scheduled_at))
                for r in released
            ],
        },
        {
            "title": "数据发布日程",
            "order": 31,
            "slot": "data",
            "more_url": calendar,
            "empty_text": "近期没有已排定的数据发布。",
            "items": [(_calendar_label(r), calendar, timezone.localdate(r.scheduled_at)) for r in upcoming],
        },
    ]


def _calendar_label(release: Release) -> str:
    at = timezone.localtime(release.scheduled_at)
    when = f"{at:%m月%d日 %H:%M}" if release.state == Release.State.CONFIRMED else f"{at:%m月%d日}（拟定）"
    return f"{when} {release.title}"
