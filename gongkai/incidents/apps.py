from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "gongkai.incidents"
    label = "incidents"
    verbose_name = "政务舆情"

    def ready(self) -> None:
        from gongkai.publishing.registry import register

        from . import jobs  # noqa: F401
        from .adapter import ReleaseAdapter

        register(ReleaseAdapter())
