from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "gongkai.interviews"
    label = "interviews"
    verbose_name = "在线访谈"

    def ready(self) -> None:
        from .search import register_search

        register_search()
