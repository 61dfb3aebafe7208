from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"
    verbose_name = "核心"

    def ready(self) -> None:
        # The site directory memo (core.sites) is refreshed at once when an agency changes.
        from django.db.models.signals import post_delete, post_save

        from . import (
            sites,
            tasks,  # noqa: F401  registers the periodic job core.run_tasks
        )
        from .models import Agency

        post_save.connect(lambda **kw: sites.forget(), sender=Agency, weak=False, dispatch_uid="sites_save")
        post_delete.connect(lambda **kw: sites.forget(), sender=Agency, weak=False, dispatch_uid="sites_del")
