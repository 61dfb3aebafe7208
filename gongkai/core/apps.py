from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"
    verbose_name = "核心"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from . import tasks  # noqa: F401  registers the periodic job core.run_tasks
        from .pagecache import install_watcher

        # The page cache (ADR 0043): every committed write to public content starts a new generation;
        # a committed write to the agency table starts a new site directory generation (core.sites).
        connection_created.connect(install_watcher, dispatch_uid="gongkai.pagecache")
