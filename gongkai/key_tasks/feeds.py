"""RSS of 执行公开: the latest published progress updates of key tasks."""

from django.urls import reverse

from gongkai.core.feeds import GenerationFeed
from gongkai.core.selectors import public_agency

from . import selectors
from .models import ProgressUpdate


class ProgressFeed(GenerationFeed):
    title = "重点任务推进情况"
    description = "重点任务的最新工作进展"

    def link(self):
        return reverse("key_tasks:tasks")

    def items(self):
        agency = public_agency()
        if agency is None:
            return []
        return (
            ProgressUpdate.objects.filter(task__agency=agency, pk__in=selectors.public_update_ids(agency))
            .select_related("task")
            .order_by("-reported_on", "-id")[:30]
        )

    def item_title(self, item):
        return f"{item.task.title}（{item.reported_on:%Y-%m-%d}）"

    def item_description(self, item):
        return item.text

    def item_link(self, item):
        return reverse("key_tasks:task", args=[item.task_id]) + f"#update-{item.pk}"
