from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "gongkai.opendata"
    label = "opendata"
    verbose_name = "统计数据开放"

    def ready(self) -> None:
        from gongkai.publishing.registry import register

        from .adapter import ReleaseAdapter

        register(ReleaseAdapter())
        from .search import register_search  # also registers the job opendata.search_released

        register_search()
        from . import tasks  # noqa: F401  registers the background task opendata.commit_upload
