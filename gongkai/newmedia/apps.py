from django.apps import AppConfig


class NewmediaConfig(AppConfig):
    name = "gongkai.newmedia"
    label = "newmedia"
    verbose_name = "政务新媒体"

    def ready(self) -> None:
        from gongkai.publishing.registry import register

        from .adapter import PostAdapter

        register(PostAdapter())
