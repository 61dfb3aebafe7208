from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "gongkai.publishing"
    label = "publishing"
    verbose_name = "发布流程"

    def ready(self) -> None:
        from gongkai.core import work_panels

        from . import jobs  # noqa: F401 - registers publishing.publish_due
        from .panels import publishing_panels

        work_panels.register(publishing_panels)
