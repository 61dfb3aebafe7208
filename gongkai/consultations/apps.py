from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "gongkai.consultations"
    label = "consultations"
    verbose_name = "征求意见"

    def ready(self) -> None:
        from gongkai.core import work_panels
        from gongkai.publishing.registry import register

        from . import jobs  # noqa: F401 - registers consultations.tick
        from .adapter import AdoptionReportAdapter, ConsultationAdapter
        from .panels import consultation_panels

        register(ConsultationAdapter())
        register(AdoptionReportAdapter())
        work_panels.register(consultation_panels)
        from .search import register_search

        register_search()
