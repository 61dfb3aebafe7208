"""RSS feed of published enforcement decisions (masked as on the pages)."""

from django.urls import reverse

from gongkai.core.feeds import GenerationFeed

from . import masking, selectors


class DecisionFeed(GenerationFeed):
    title = "行政执法决定公示"
    description = "最新公开的行政执法决定"

    def get_object(self, request, *args, **kwargs):
        return getattr(request, "agency", None)

    def link(self, obj):
        return reverse("enforcement:home")

    def items(self, obj):
        return list(selectors.public_decisions(obj).order_by("-published_at")[:30]) if obj else []

    def item_title(self, item):
        return f"{item.get_kind_display()}决定：{masking.public_texts(item)['title']}"

    def item_description(self, item):
        return masking.public_texts(item)["outcome"][:300]

    def item_link(self, item):
        return reverse("enforcement:decision", args=[item.pk])

    def item_pubdate(self, item):
        return item.published_at
