from django.apps import AppConfig


class SelfInspectionConfig(AppConfig):
    name = "gongkai.self_inspection"
    label = "self_inspection"
    verbose_name = "年度自查"

    def ready(self) -> None:
        from gongkai.core import work_panels

        from .panels import self_inspection_panels

        work_panels.register(self_inspection_panels)
