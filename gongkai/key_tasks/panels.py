"""我的工作: milestones falling due or overdue (warned before, flagged after), rectifications waiting for
the supervisor, overdue rectifications (escalated to the 分管领导)."""

from django.urls import reverse

from gongkai.accounts.permissions import has_perm
from gongkai.core.work_panels import Panel
from gongkai.workdays.selectors import legal_today

from . import rollup, selectors


def key_task_panels(user) -> list[Panel]:
    if not has_perm(user, "key_tasks.view"):
        return []
    today = legal_today()
    items = []
    views = selectors.task_views(selectors.tasks_for(user), today)
    for view in views:
        for milestone, _facts, flag in view.milestones:
            if flag in (rollup.Flag.OVERDUE, rollup.Flag.DUE_SOON):
                items.append(
                    (
                        f"[{flag.label}] {view.task.title} · {milestone.title}",
                        reverse("key_tasks_office:task", args=[view.task.pk]),
                        f"{milestone.due_on:%Y-%m-%d}",
                    )
                )
    panels = [
        Panel(
            title="重点任务节点预警",
            items=items[:20],
            empty_text="没有 7 日内到期或已逾期的节点。",
            more_url=reverse("key_tasks_office:list") + "?queue=mine",
        )
    ]
    if has_perm(user, "supervision.confirm"):
        queue = selectors.supervisor_queue(user)
        overdue = selectors.overdue_findings(selectors.findings_for(user), today)
        panels.append(
            Panel(
                title="督查整改",
                items=[
                    (
                        "待确认的整改",
                        reverse("key_tasks_office:findings") + "?queue=confirm",
                        f"{queue.count()} 件",
                    ),
                    (
                        "逾期未整改（已提请督办）",
                        reverse("key_tasks_office:findings") + "?queue=overdue",
                        f"{overdue.count()} 件",
                    ),
                ],
                more_url=reverse("key_tasks_office:findings"),
            )
        )
    return panels
