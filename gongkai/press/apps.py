from django.apps import AppConfig


class PressConfig(AppConfig):
    name = "gongkai.press"
    label = "press"
    verbose_name = "新闻发布"

    def ready(self) -> None:
        from gongkai.publishing.registry import register

        from .adapter import ConferenceAdapter

        register(ConferenceAdapter())
