from django.apps import AppConfig


class ServiceGuidesConfig(AppConfig):
    name = "gongkai.service_guides"
    label = "service_guides"
    verbose_name = "办事指南"

    def ready(self) -> None:
        from gongkai.core import work_panels
        from gongkai.publishing.registry import register

        from .adapter import GuideVersionAdapter
        from .panels import guide_panels
        from .search import register_search

        register(GuideVersionAdapter())
        register_search()
        work_panels.register(guide_panels)
