from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "gongkai.enforcement"
    label = "enforcement"
    verbose_name = "行政执法公示"

    def ready(self) -> None:
        from gongkai.core import work_panels
        from gongkai.publishing.registry import register

        from .adapter import DecisionAdapter
        from .panels import enforcement_panels
        from .search import register_search

        register(DecisionAdapter())
        register_search()
        work_panels.register(enforcement_panels)
