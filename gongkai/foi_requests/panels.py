from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.permissions import has_perm
from gongkai.core.work_panels import Panel, register

from . import selectors


@register
def foi_panels(user):
    if not has_perm(user, "foi.view"):
        return []
    overdue, soon = selectors.due_soon(user)
    unconfirmed = selectors.register(user, queue="unconfirmed")[:10]
    reminders = selectors.reminders_for(user)[:20]
    base = reverse("foi_office:register")
    return [
        Panel(
            "依申请公开：提醒",
            [
                (r.request.tracking_number, reverse("foi_office:detail", args=[r.request_id]), r.message)
                for r in reminders
            ],
            empty_text="今天没有期限提醒。",
            more_url=f"{base}?queue=due_soon",
        ),
        Panel(
            "依申请公开：已超期",
            [
                (
                    r.tracking_number,
                    reverse("foi_office:detail", args=[r.pk]),
                    f"答复期限 {r.answer_due_on:%Y-%m-%d}",
                )
                for r in overdue
            ],
            empty_text="没有超期的申请。",
            more_url=f"{base}?queue=overdue",
        ),
        Panel(
            f"依申请公开：{selectors.warning_days()} 个工作日内到期",
            [
                (
                    r.tracking_number,
                    reverse("foi_office:detail", args=[r.pk]),
                    f"答复期限 {r.answer_due_on:%Y-%m-%d}",
                )
                for r in soon
            ],
            empty_text="近期没有到期的申请。",
            more_url=f"{base}?queue=due_soon",
        ),
        Panel(
            "依申请公开：待确认收到",
            [
                (
                    r.tracking_number,
                    reverse("foi_office:detail", args=[r.pk]),
                    f"提交于 {timezone.localtime(r.submitted_at):%Y-%m-%d %H:%M}",
                )
                for r in unconfirmed
            ],
            empty_text="没有待确认的网上申请。",
            more_url=f"{base}?queue=unconfirmed",
        ),
    ]
