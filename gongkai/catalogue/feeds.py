"""RSS 2.0 and Atom feeds of public government information: everything, and per five-openness category."""

from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from gongkai.core.feeds import GenerationFeed
from gongkai.core.selectors import public_agency

from . import selectors
from .models import OpennessCategory

FEED_SIZE = 50


class RssFeed(GenerationFeed):
    description_template = None

    def get_object(self, request, *args, **kwargs):
        agency = getattr(request, "agency", None) or public_agency()
        if not agency:
            raise Http404("没有可显示的机关。")
        return {"agency": agency, "category": ""}

    def title(self, obj):
        return f"{obj['agency'].name} 政府信息公开"

    def link(self, obj):
        return reverse("catalogue:catalogue")

    def description(self, obj):
        return f"{obj['agency'].name}主动公开的政府信息"

    def items(self, obj):
        qs = selectors.public_revisions(obj["agency"])
        if obj["category"]:
            qs = qs.filter(category=obj["category"])
        return qs.order_by("-public_at", "-id")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or f"{item.issuer} {item.document_number}".strip()

    def item_link(self, item):
        return reverse("catalogue:item", args=[item.item.slug])

    def item_guid(self, item):
        return f"{item.item.index_number}#{item.number}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.public_at

    def item_author_name(self, item):
        return item.issuer

    def item_categories(self, item):
        return [item.get_category_display()]


class AtomFeed(RssFeed):
    feed_type = Atom1Feed
    subtitle = RssFeed.description


class CategoryRssFeed(RssFeed):
    def get_object(self, request, category):
        if category not in OpennessCategory.values:
            raise Http404("没有该类别。")
        obj = super().get_object(request)
        obj["category"] = category
        return obj

    def title(self, obj):
        return f"{obj['agency'].name} 政府信息公开 · {OpennessCategory(obj['category']).label}"

    def link(self, obj):
        return reverse("catalogue:catalogue") + f"?category={obj['category']}"


class CategoryAtomFeed(CategoryRssFeed):
    feed_type = Atom1Feed
    subtitle = RssFeed.description
