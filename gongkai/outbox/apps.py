from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "gongkai.outbox"
    label = "outbox"
    verbose_name = "消息发送"

    def ready(self) -> None:
        from . import jobs  # noqa: F401  (registers outbox.deliver)
