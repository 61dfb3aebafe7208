"""我的工作: decisions due for publication (7/20 working days), withdrawals due (3), listings due (20)."""

from django.urls import reverse

from gongkai.accounts.permissions import has_perm
from gongkai.core.work_panels import Panel

from . import selectors

LABELS = {"late": "已逾期", "soon": "即将到期", "": ""}


def enforcement_panels(user) -> list[Panel]:
    if not has_perm(user, "enforcement.manage"):
        return []
    from gongkai.workdays.selectors import legal_today

    today = legal_today()
    items = []
    for d in selectors.withdrawals_due(user)[:5]:
        state = selectors.urgency(d.withdraw_due_on, today)
        items.append(
            (
                f"待撤回：{d.title}",
                reverse("enforcement_office:decision", args=[d.pk]),
                f"{LABELS[state]} 应于 {d.withdraw_due_on:%Y-%m-%d} 前撤回".strip(),
            )
        )
    for d in selectors.decisions_due(user)[:5]:
        state = selectors.urgency(d.due_on, today)
        items.append(
            (
                f"待公开：{d.title}",
                reverse("enforcement_office:decision", args=[d.pk]),
                f"{LABELS[state]} 应于 {d.due_on:%Y-%m-%d} 前公开".strip(),
            )
        )
    for listing in selectors.listings_due(user)[:3]:
        state = selectors.urgency(listing.listing_due_on, today)
        items.append(
            (
                f"待公示失信企业：{listing.enterprise_name}",
                reverse("enforcement_office:listings"),
                f"{LABELS[state]} 应于 {listing.listing_due_on:%Y-%m-%d} 前公示".strip(),
            )
        )
    return [
        Panel(
            title="行政执法公示",
            items=items,
            empty_text="没有待公开或待撤回的执法信息。",
            more_url=reverse("enforcement_office:home"),
        )
    ]
