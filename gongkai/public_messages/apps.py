from django.apps import AppConfig


class PublicMessagesConfig(AppConfig):
    name = "gongkai.public_messages"
    label = "public_messages"
    verbose_name = "留言办理"

    def ready(self) -> None:
        from gongkai.core import work_panels

        from . import jobs  # noqa: F401 - registers public_messages.check_deadlines
        from .panels import message_panels

        work_panels.register(message_panels)
        from .search import register_search

        register_search()
