"""结果公开 on the 法定主动公开内容 page (catalogue.category_links): this app's public records."""

from django.urls import reverse

from gongkai.catalogue.item_links import LinkBlock

from . import selectors
from .models import Decision, Evaluation, Plan, Project, WorkReport


def category_blocks(agency, category: str) -> list[LinkBlock]:
    if category != "result":
        return []
    links = [
        ("重大决策执行情况", selectors.public(Decision, agency).count(), "项"),
        ("为民办实事项目", selectors.public(Project, agency).count(), "项"),
        ("政府工作报告任务分解", selectors.public(WorkReport, agency).count(), "份"),
        ("发展规划", selectors.public(Plan, agency).count(), "项"),
        ("评估", selectors.public(Evaluation, agency).count(), "项"),
    ]
    return [
        LinkBlock(
            title="结果公开专栏",
            links=[(label, reverse("results:index"), f"{n} {unit}") for label, n, unit in links],
        )
    ]
