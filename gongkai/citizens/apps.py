from django.apps import AppConfig


class CitizensConfig(AppConfig):
    name = "gongkai.citizens"
    label = "citizens"
    verbose_name = "公众统一身份认证（可选）"

    def ready(self) -> None:
        from . import audit_kinds  # noqa: F401
