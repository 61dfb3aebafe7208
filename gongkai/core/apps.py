from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"
    verbose_name = "核心"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_delete, post_save

        from . import (
            sites,
            tasks,  # noqa: F401  registers the periodic job core.run_tasks
        )
        from .models import Agency
        from .pagecache import install_watcher

        # The page cache (ADR 0043): every committed write to public content starts a new generation.
        connection_created.connect(install_watcher, dispatch_uid="gongkai.pagecache")
        # The site directory memo (core.sites) is refreshed at once when an agency changes.
        post_save.connect(lambda **kw: sites.forget(), sender=Agency, weak=False, dispatch_uid="sites_save")
        post_delete.connect(lambda **kw: sites.forget(), sender=Agency, weak=False, dispatch_uid="sites_del")
