from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "gongkai.search"
    label = "search"
    verbose_name = "站内搜索"

    def ready(self):
        from . import jobs  # noqa: F401 - registers search.rebuild_after_upgrade
