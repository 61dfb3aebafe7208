from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "gongkai.surveys"
    label = "surveys"
    verbose_name = "调查征集"

    def ready(self) -> None:
        from gongkai.catalogue import category_links
        from gongkai.core import work_panels
        from gongkai.publishing import registry

        from . import adapter, links, panels
        from .search import register_search

        registry.register(adapter.SurveyAdapter)
        registry.register(adapter.ResultReportAdapter)
        register_search()
        work_panels.register(panels.survey_panels)
        category_links.register(links.category_blocks)
