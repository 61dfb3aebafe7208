"""sitemap.xml entries of the published interviews."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from gongkai.core.selectors import public_agency

from . import selectors


class InterviewSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        agency = public_agency()
        return selectors.public_interviews(agency).order_by("-starts_at", "-id") if agency else []

    def location(self, obj):
        return reverse("interviews:detail", args=[obj.pk])
