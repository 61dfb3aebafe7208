from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "gongkai.results"
    label = "results"
    verbose_name = "结果公开（规划、工作报告、为民办实事、重大决策执行、评估）"

    def ready(self) -> None:
        from gongkai.catalogue import category_links
        from gongkai.publishing import registry

        from . import adapter, links

        for a in adapter.ADAPTERS:
            registry.register(a)
        category_links.register(links.category_blocks)
