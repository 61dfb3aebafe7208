"""我的工作: 办事指南 error reports routed to the user's department."""

from django.urls import reverse

from gongkai.accounts.permissions import has_perm
from gongkai.core.work_panels import Panel

from . import selectors


def guide_panels(user) -> list[Panel]:
    if not has_perm(user, "service_guides.manage"):
        return []
    items = [
        (
            f"办事指南纠错：{r.version.item.name}",
            reverse("service_guides_office:errors"),
            r.created_at.strftime("%Y-%m-%d"),
        )
        for r in selectors.open_error_reports(user).select_related("version__item")[:8]
    ]
    return [
        Panel(
            title="办事指南纠错",
            items=items,
            empty_text="没有待处理的纠错。",
            more_url=reverse("service_guides_office:errors"),
        )
    ]
