from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "gongkai.notifications"
    label = "notifications"
    verbose_name = "通知与订阅"

    def ready(self) -> None:
        from . import jobs  # noqa: F401
