"""sitemap.xml entries of the data releases and datasets: only what the embargo filter shows now
(统计法实施条例 Art. 28) — a release enters the sitemap at its minute, read at request time."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from gongkai.core.selectors import public_agency

from . import selectors


class ReleaseSitemap(Sitemap):
    changefreq = "yearly"
    limit = 5000

    def items(self):
        agency = public_agency()
        return selectors.public_releases(agency) if agency else []

    def location(self, obj):
        return reverse("opendata:release", args=[obj.pk])

    def lastmod(self, obj):
        return obj.scheduled_at


class DatasetSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        agency = public_agency()
        return selectors.public_datasets(agency).order_by("code") if agency else []

    def location(self, obj):
        return reverse("opendata:dataset", args=[obj.code])


class DataColumnSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return [
            "opendata:database",
            "opendata:calendar",
            "opendata:bulletins",
            "opendata:analysis",
            "opendata:catalogue",
            "opendata:surveys",
        ]

    def location(self, obj):
        return reverse(obj)
