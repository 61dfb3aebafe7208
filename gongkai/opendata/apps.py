from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "gongkai.opendata"
    label = "opendata"
    verbose_name = "统计数据开放"

    def ready(self) -> None:
        from gongkai.core.pagecache import register_schedule

        register_schedule(pagecache_schedule)
        from gongkai.publishing.registry import register

        from .adapter import ReleaseAdapter

        register(ReleaseAdapter())
        from .search import register_search  # also registers the job opendata.search_released

        register_search()
        from . import (
            flowfiles,  # noqa: F401  the job opendata.flow_files and its task (issue 19)
            tasks,  # noqa: F401  registers the background task opendata.commit_upload
        )


def pagecache_schedule(now):
    """The next release minute of any agency: embargoed figures become public then (ADR 0043)."""
    from .models import Release

    return (
        Release.objects.filter(scheduled_at__gt=now)
        .exclude(state=Release.State.CANCELLED)
        .order_by("scheduled_at")
        .values_list("scheduled_at", flat=True)
        .first()
    )
