from django.apps import AppConfig


class KeyTasksConfig(AppConfig):
    name = "gongkai.key_tasks"
    label = "key_tasks"
    verbose_name = "执行公开（重点任务、督查整改、问责通报）"

    def ready(self) -> None:
        from gongkai.catalogue import category_links
        from gongkai.core import work_panels
        from gongkai.publishing import registry

        from . import adapter, links, panels
        from .search import register_search

        registry.register(adapter.TaskAdapter)
        registry.register(adapter.ProgressAdapter)
        registry.register(adapter.FindingAdapter)
        registry.register(adapter.CaseNoticeAdapter)
        register_search()
        work_panels.register(panels.key_task_panels)
        category_links.register(links.category_blocks)
