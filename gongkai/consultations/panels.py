"""我的工作: comments waiting for moderation, consultations closing, reports due."""

from django.urls import reverse

from gongkai.accounts.permissions import has_perm
from gongkai.core.work_panels import Panel
from gongkai.workdays.selectors import legal_today

from . import selectors


def consultation_panels(user) -> list[Panel]:
    if not has_perm(user, "consultations.view"):
        return []
    items = []
    if has_perm(user, "consultations.moderate"):
        items.append(
            (
                "待审核的意见",
                reverse("consultations_office:moderation"),
                f"{selectors.moderation_queue(user).count()} 条",
            )
        )
    closing = selectors.closing_soon(user).count()
    items.append(
        ("7 日内截止的征求意见", reverse("consultations_office:list") + "?queue=closing", f"{closing} 件")
    )
    due = list(selectors.reports_due(user))
    today = legal_today()
    overdue = sum(1 for c in due if c.report_due_on and c.report_due_on < today)
    note = f"{len(due)} 件" + (f"（逾期 {overdue} 件）" if overdue else "")
    items.append(("待公布的采纳情况", reverse("consultations_office:list") + "?queue=reports", note))
    return [Panel(title="征求意见", items=items, more_url=reverse("consultations_office:list"))]
