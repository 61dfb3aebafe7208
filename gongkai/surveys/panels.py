"""我的工作: free-text answers waiting for moderation, closed surveys whose results are not generated."""

from django.urls import reverse

from gongkai.accounts.permissions import has_perm
from gongkai.core.work_panels import Panel

from . import selectors


def survey_panels(user) -> list[Panel]:
    if not has_perm(user, "surveys.view"):
        return []
    items = []
    if has_perm(user, "surveys.moderate"):
        items.append(
            (
                "待审核的填空回答",
                reverse("surveys_office:moderation"),
                f"{selectors.pending_texts(user).count()} 条",
            )
        )
    items.append(
        (
            "已结束、待生成结果的调查",
            reverse("surveys_office:list") + "?queue=results",
            f"{selectors.closed_without_results(user).count()} 项",
        )
    )
    return [Panel(title="调查征集", items=items, more_url=reverse("surveys_office:list"))]
