"""我的工作: interpretations due soon or overdue; the policy page's “政策解读” links."""

from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.roles import AGENCY_WIDE_ROLES
from gongkai.catalogue.item_links import LinkBlock
from gongkai.core.work_panels import Panel

from . import selectors
from .permissions import can_create, can_waive


def _waived(row) -> str:
    """A 三同步 waiver keeps the follow-up deadline; the panel says why the row is there."""
    return "（已登记不同步解读）" if row.category == "waived" else ""


def interpretation_panels(user) -> list[Panel]:
    if not (can_create(user) or can_waive(user)):
        return []
    today = timezone.localdate()
    rows = selectors.coverage(user.agency, today=today)
    if not (user.roles & AGENCY_WIDE_ROLES):
        rows = [r for r in rows if r.item.department_id == user.department_id]
    items = [
        (
            f"逾期未解读：{r.title}{_waived(r)}",
            reverse("interpretations_office:coverage"),
            f"应于 {r.due_on:%Y-%m-%d} 前",
        )
        for r in selectors.overdue(rows, today=today)
    ]
    items += [
        (
            f"即将到期：{r.title}{_waived(r)}",
            reverse("interpretations_office:coverage"),
            f"应于 {r.due_on:%Y-%m-%d} 前",
        )
        for r in selectors.due_soon(rows, today=today)
    ]
    pending = [r for r in rows if r.category == "pending" and r.interpretation is None]
    if pending:
        items.append(
            ("待发布政策尚无解读（三同步）", reverse("interpretations_office:coverage"), f"{len(pending)} 件")
        )
    return [
        Panel(
            title="政策解读",
            items=items[:8],
            empty_text="没有逾期或即将到期的政策解读。",
            more_url=reverse("interpretations_office:coverage"),
        )
    ]


def policy_links(item) -> list[LinkBlock]:
    """On the policy's public page: its public interpretations."""
    links = [
        (i.title, reverse("interpretations:detail", args=[i.pk]), i.get_form_display())
        for i in selectors.public_for_policy(item)
    ]
    return [LinkBlock(title="政策解读", links=links, css_class="interpretation-links")]
