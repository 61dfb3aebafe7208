from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"
    verbose_name = "核心"

    def ready(self) -> None:
        from . import tasks  # noqa: F401  registers the periodic job core.run_tasks
