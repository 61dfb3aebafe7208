from django.apps import AppConfig


class ResponsibilitiesConfig(AppConfig):
    name = "gongkai.responsibilities"
    label = "responsibilities"
    verbose_name = "权责清单"

    def ready(self) -> None:
        from gongkai.publishing.registry import register

        from .adapter import ListVersionAdapter
        from .search import register_search

        register(ListVersionAdapter())
        register_search()
