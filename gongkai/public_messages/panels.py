"""我的工作: messages to route, replies due and overdue, publications to review."""

from django.urls import reverse

from gongkai.accounts.permissions import has_perm
from gongkai.core.work_panels import Panel

from . import selectors


def message_panels(user) -> list[Panel]:
    if not has_perm(user, "messages.view"):
        return []
    url = reverse("public_messages_office:list")
    items = []
    if has_perm(user, "messages.route"):
        items.append(
            ("待分办的留言", url + "?queue=unrouted", f"{selectors.queue(user, 'unrouted').count()} 件")
        )
    items.append(("待答复的留言", url + "?queue=due", f"{selectors.queue(user, 'due').count()} 件"))
    items.append(
        ("逾期未答复的留言", url + "?queue=overdue", f"{selectors.queue(user, 'overdue').count()} 件")
    )
    if has_perm(user, "messages.moderate"):
        items.append(
            (
                "待公开审核的留言",
                url + "?queue=moderation",
                f"{selectors.queue(user, 'moderation').count()} 件",
            )
        )
    return [Panel(title="留言办理", items=items, more_url=url)]
