"""RSS feed of the 权责清单's published versions (each adjustment is news to those who follow it)."""

from django.urls import reverse

from gongkai.core.feeds import GenerationFeed

from . import selectors


class VersionFeed(GenerationFeed):
    title = "权责清单调整"
    description = "权责清单的每一次调整（新版本及调整说明）"

    def get_object(self, request, *args, **kwargs):
        return getattr(request, "agency", None)

    def link(self, obj):
        return reverse("responsibilities:list")

    def items(self, obj):
        return list(selectors.public_versions(obj)[:30]) if obj else []

    def item_title(self, item):
        return str(item)

    def item_description(self, item):
        return f"生效日期 {item.effective_on:%Y-%m-%d}。{item.change_note}"

    def item_link(self, item):
        return reverse("responsibilities:version", args=[item.number])

    def item_pubdate(self, item):
        return item.published_at
