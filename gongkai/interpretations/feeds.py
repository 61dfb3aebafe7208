"""RSS and Atom feeds of public interpretations."""

from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from gongkai.core.feeds import GenerationFeed

from . import selectors


class RssFeed(GenerationFeed):
    title = "政策解读"
    description = "最新发布的政策解读"

    def get_object(self, request, *args, **kwargs):
        return getattr(request, "agency", None)

    def link(self, obj):
        return reverse("interpretations:list")

    def items(self, obj):
        if obj is None:
            return []
        return selectors.filter_public(selectors.public_interpretations(obj))[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or f"{item.get_form_display()}"

    def item_link(self, item):
        return reverse("interpretations:detail", args=[item.pk])

    def item_pubdate(self, item):
        return item.public_at


class AtomFeed(RssFeed):
    feed_type = Atom1Feed
    subtitle = RssFeed.description
