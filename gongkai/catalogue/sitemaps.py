"""sitemap.xml of the public government information (and the column pages)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from gongkai.core.selectors import public_agency

from . import selectors


class ItemSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        agency = public_agency()
        if agency is None:
            return []
        return selectors.public_revisions(agency).order_by("-public_at", "-id")

    def location(self, obj):
        return reverse("catalogue:item", args=[obj.item.slug])

    def lastmod(self, obj):
        return obj.public_at


class ColumnSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        """The catalogue's pages and the agency's own list columns as its site shows them (ADR 0050)."""
        from gongkai.core.selectors import public_agency

        from .columns import list_columns_shown

        shown = [c.url for c in list_columns_shown(public_agency())]
        fixed = [reverse(name) for name in ("catalogue:guide", "catalogue:catalogue", "catalogue:items")]
        return fixed + [url for url in shown if url not in fixed]

    def location(self, obj):
        return obj


SITEMAPS = {"columns": ColumnSitemap, "items": ItemSitemap}
