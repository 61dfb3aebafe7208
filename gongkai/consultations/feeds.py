"""RSS of consultations: newly published drafts, so that subscribers can comment in time."""

from django.urls import reverse

from gongkai.core.feeds import GenerationFeed
from gongkai.core.selectors import public_agency

from . import selectors


class ConsultationFeed(GenerationFeed):
    title = "意见征集"
    description = "公开征求意见的草案"

    def link(self):
        return reverse("consultations:list")

    def items(self):
        agency = public_agency()
        if agency is None:
            return []
        return selectors.public_consultations(agency).order_by("-opens_at", "-id")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return reverse("consultations:detail", args=[item.pk])

    def item_pubdate(self, item):
        return item.opens_at
