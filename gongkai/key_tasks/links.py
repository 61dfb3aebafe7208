"""What 执行公开 / 结果公开 on the 法定主动公开内容 page show from this app (catalogue.category_links)."""

from django.urls import reverse

from gongkai.catalogue.item_links import LinkBlock
from gongkai.workdays.selectors import legal_today

from . import rollup, selectors


def category_blocks(agency, category: str) -> list[LinkBlock]:
    if category == "execution":
        return [
            LinkBlock(
                title="执行公开专栏",
                links=[
                    (
                        "重点任务推进情况",
                        reverse("key_tasks:tasks"),
                        f"{selectors.public_tasks(agency).count()} 项",
                    ),
                    (
                        "督查发现问题及整改落实情况",
                        reverse("key_tasks:findings"),
                        f"{selectors.public_findings(agency).count()} 件",
                    ),
                    (
                        "问责典型案例通报",
                        reverse("key_tasks:notices"),
                        f"{selectors.public_notices(agency).count()} 件",
                    ),
                ],
            )
        ]
    if category == "result":
        done = [
            v
            for v in selectors.task_views(selectors.public_tasks(agency), legal_today())
            if v.status is rollup.Status.COMPLETED
        ]
        return [
            LinkBlock(
                title="重点任务完成情况",
                links=[(v.task.title, reverse("key_tasks:task", args=[v.task.pk]), "已完成") for v in done]
                or [("全部重点任务推进情况", reverse("key_tasks:tasks"), "暂无已完成的任务")],
            )
        ]
    return []
