"""我的工作: what waits for each role in the publication workflow."""

from django.urls import reverse

from gongkai.accounts.permissions import has_perm
from gongkai.core.work_panels import Panel

from . import selectors
from .permissions import can_approve


def publishing_panels(user) -> list[Panel]:
    if not has_perm(user, "publishing.view"):
        return []
    items = []
    if has_perm(user, "publishing.draft"):
        items.append(
            ("我的草稿", reverse("publishing_office:drafts"), f"{selectors.my_drafts(user).count()} 件")
        )
        waiting = selectors.my_in_progress(user).count()
        if waiting:
            items.append(("我提交的（审查/审批中）", reverse("publishing_office:drafts"), f"{waiting} 件"))
    if has_perm(user, "publishing.review"):
        items.append(
            ("待保密审查", reverse("publishing_office:queue"), f"{selectors.review_queue(user).count()} 件")
        )
    if can_approve(user):  # the approver role or the agency's 代理审批人
        items.append(
            (
                "待领导审批",
                reverse("publishing_office:approvals"),
                f"{selectors.approval_queue(user).count()} 件",
            )
        )
    if has_perm(user, "publishing.withdraw"):
        items.append(
            ("定时发布", reverse("publishing_office:scheduled"), f"{selectors.scheduled(user).count()} 件")
        )
    if not items:
        return []
    return [Panel(title="发布审核", items=items)]
