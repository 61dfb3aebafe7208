from django.apps import AppConfig


class CityOpsConfig(AppConfig):
    name = "gongkai.cityops"
    label = "cityops"
    verbose_name = "市政务公开办（全市督导与年报汇总）"

    def ready(self) -> None:
        from gongkai.core import work_panels

        from . import audit_kinds, panels  # noqa: F401

        work_panels.register(panels.notice_panels)
