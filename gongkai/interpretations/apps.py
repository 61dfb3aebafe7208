from django.apps import AppConfig


class InterpretationsConfig(AppConfig):
    name = "gongkai.interpretations"
    label = "interpretations"
    verbose_name = "政策解读"

    def ready(self) -> None:
        from gongkai.catalogue import item_links, publish_checks
        from gongkai.core import work_panels
        from gongkai.publishing.registry import register

        from .adapter import InterpretationAdapter
        from .checks import check_synchronised_interpretation
        from .panels import interpretation_panels, policy_links

        register(InterpretationAdapter())
        publish_checks.register(check_synchronised_interpretation)
        item_links.register(policy_links)
        work_panels.register(interpretation_panels)
        from .search import register_search

        register_search()
