"""sitemap.xml entries of the published messages and their replies."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from gongkai.core.selectors import public_agency

from . import selectors


class MessageSitemap(Sitemap):
    changefreq = "yearly"
    limit = 5000

    def items(self):
        agency = public_agency()
        return selectors.public_messages(agency).exclude(number=None) if agency else []

    def location(self, obj):
        return reverse("public_messages:detail", args=[obj.number])

    def lastmod(self, obj):
        return obj.replied_at
