from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "gongkai.workdays"
    label = "workdays"
    verbose_name = "工作日历"

    def ready(self):
        from django.core import checks

        from .checks import check_next_year_announced

        # Not tagged "database": the warning must show on every `gongkai check`, server start and command
        # run in December; before `migrate` it stays silent (checks.py). Importing checks also
        # registers the daily job that logs the same warning.
        checks.register(check_next_year_announced, "workdays")
