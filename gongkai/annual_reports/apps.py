from django.apps import AppConfig


class AnnualReportsConfig(AppConfig):
    name = "gongkai.annual_reports"
    label = "annual_reports"
    verbose_name = "政府信息公开工作年度报告"

    def ready(self) -> None:
        from gongkai.core import work_panels
        from gongkai.publishing.registry import register

        from .adapter import AnnualReportAdapter
        from .panels import annual_report_panels
        from .search import register_search

        register(AnnualReportAdapter())
        work_panels.register(annual_report_panels)
        register_search()
