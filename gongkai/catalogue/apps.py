from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "gongkai.catalogue"
    label = "catalogue"
    verbose_name = "政府信息公开目录"

    def ready(self):
        from gongkai.core import work_panels
        from gongkai.publishing.registry import register

        from .adapter import ItemRevisionAdapter
        from .normative.jobs import normative_panels  # also registers the expiry job

        register(ItemRevisionAdapter())
        from .search import register_search

        register_search()
        work_panels.register(normative_panels)
