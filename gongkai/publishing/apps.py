from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "gongkai.publishing"
    label = "publishing"
    verbose_name = "发布流程"

    def ready(self) -> None:
        from gongkai.core.pagecache import register_schedule

        register_schedule(pagecache_schedule)
        from gongkai.core import work_panels

        from . import jobs  # noqa: F401 - registers publishing.publish_due
        from .panels import publishing_panels

        work_panels.register(publishing_panels)


def pagecache_schedule(now):
    """Scheduled content becomes public at its minute, at read time (page cache, ADR 0043)."""
    from .models import State, Workflow

    return (
        Workflow.objects.filter(state=State.SCHEDULED, publish_at__gt=now)
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )
