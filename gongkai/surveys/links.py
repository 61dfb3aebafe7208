"""结果公开 on the 法定主动公开内容 page: the published survey results (catalogue.category_links)."""

from django.urls import reverse

from gongkai.catalogue.item_links import LinkBlock

from . import selectors


def category_blocks(agency, category: str) -> list[LinkBlock]:
    if category != "result":
        return []
    reports = selectors.public_reports(agency).order_by("-generated_at")[:10]
    return [
        LinkBlock(
            title="调查征集结果",
            links=[
                (
                    r.title,
                    reverse("surveys:results", args=[r.survey_id]),
                    f"{r.snapshot.get('responses', 0)} 份答卷",
                )
                for r in reports
            ]
            or [("调查征集", reverse("surveys:list"), "暂无已公布的调查结果")],
        )
    ]
