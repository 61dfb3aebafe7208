"""The home page's 年度报告 block: the latest published reports, each linking to the report itself
(issue 11 item 30: the home page's 年报 entry lands on the report, not on a stub)."""

from django.urls import reverse
from django.utils import timezone

from . import selectors

LATEST = 3


def home_blocks(agency) -> list[dict]:
    reports = selectors.public_reports(agency)[:LATEST]
    return [
        {
            "title": "政府信息公开年度报告",
            "order": 15,
            "slot": "news",
            "more_url": reverse("annual_reports:list"),
            "empty_text": "暂无已发布的年度报告。",
            "items": [
                (
                    r.title,
                    reverse("annual_reports:detail", args=[r.year]),
                    timezone.localdate(r.published_at) if r.published_at else None,
                )
                for r in reports
            ],
        }
    ]
