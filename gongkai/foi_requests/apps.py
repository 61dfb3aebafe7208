from django.apps import AppConfig


class FoiRequestsConfig(AppConfig):
    name = "gongkai.foi_requests"
    label = "foi_requests"
    verbose_name = "依申请公开"

    def ready(self):
        from . import jobs, panels  # noqa: F401 - registers the clock job and the office panels
