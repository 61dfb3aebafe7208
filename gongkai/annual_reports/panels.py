"""我的工作: the annual report due by 31 January (条例 Art. 49) and not yet published."""

from django.urls import reverse
from django.utils import timezone

from gongkai.core.work_panels import Panel

from . import deadlines, selectors
from .permissions import can_view


def annual_report_panels(user) -> list[Panel]:
    if not can_view(user):
        return []
    today = timezone.localdate()
    rows = deadlines.years_to_remind(today, selectors.published_years(user.agency))
    if not rows:
        return []
    url = reverse("annual_reports_office:list")
    items = [
        (
            f"{year}年政府信息公开工作年度报告{'已逾期' if overdue else '即将到期'}",
            url,
            f"应于 {due:%Y-%m-%d} 前发布",
        )
        for year, due, overdue in rows
    ]
    return [Panel(title="政府信息公开工作年度报告", items=items, more_url=url)]
