"""The one sitemap.xml of the portal, gathered from the capability apps (for crawlers; /sitemap/ is for
people). Each app owns its django.contrib.sitemaps classes and names them here with one line, like the
home-page blocks; web imports them lazily. Every class must list only what the public may see at the
moment of the request (read-time filters: embargo, scheduled publication, moderation).
"""

from django.utils.module_loading import import_string

SITEMAP_CLASSES: dict[str, str] = {
    "columns": "gongkai.catalogue.sitemaps.ColumnSitemap",
    "items": "gongkai.catalogue.sitemaps.ItemSitemap",
    "data-columns": "gongkai.opendata.sitemaps.DataColumnSitemap",
    "datasets": "gongkai.opendata.sitemaps.DatasetSitemap",
    "releases": "gongkai.opendata.sitemaps.ReleaseSitemap",
    "consultations": "gongkai.consultations.sitemaps.ConsultationSitemap",
    "consultation-reports": "gongkai.consultations.sitemaps.AdoptionReportSitemap",
    "messages": "gongkai.public_messages.sitemaps.MessageSitemap",
    "interviews": "gongkai.interviews.sitemaps.InterviewSitemap",
}


def sitemaps() -> dict:
    return {name: import_string(dotted) for name, dotted in SITEMAP_CLASSES.items()}
