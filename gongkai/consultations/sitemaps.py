"""sitemap.xml entries of the public consultations and their published adoption reports."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from gongkai.core.selectors import public_agency

from . import selectors


class ConsultationSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        agency = public_agency()
        return selectors.public_consultations(agency).order_by("-opens_at", "-id") if agency else []

    def location(self, obj):
        return reverse("consultations:detail", args=[obj.pk])

    def lastmod(self, obj):
        return obj.updated_at


class AdoptionReportSitemap(Sitemap):
    changefreq = "yearly"
    limit = 5000

    def items(self):
        agency = public_agency()
        if agency is None:
            return []
        return [
            c
            for c in selectors.public_consultations(agency)
            .filter(report__published_at__isnull=False)
            .order_by("-closes_at", "-id")
            if selectors.published_report(c)
        ]

    def location(self, obj):
        return reverse("consultations:report", args=[obj.pk])
