from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "gongkai.catalogue"
    label = "catalogue"
    verbose_name = "政府信息公开目录"

    def ready(self):
        from gongkai.publishing.registry import register

        from .adapter import ItemRevisionAdapter

        register(ItemRevisionAdapter())
