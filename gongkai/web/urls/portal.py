from django.urls import path

from ..sections import SECTIONS
from ..views import portal
from ..views.sitemap_xml import sitemap_xml

urlpatterns = [
    path("", portal.home, name="home"),
    path("healthz", portal.healthz, name="healthz"),
    path("elder-mode/", portal.toggle_elder_mode, name="elder_mode"),
    path("qr.svg", portal.qr_code, name="qr"),
    path("robots.txt", portal.robots_txt, name="robots_txt"),
    path("favicon.ico", portal.favicon, name="favicon"),
    path("sitemap/", portal.sitemap, name="sitemap"),
    path("sitemap.xml", sitemap_xml, name="sitemap_xml"),
    path("search/", portal.search, name="search"),
    # One landing page per section (/xxgk/, /zcjd/, ...): portal:section_xxgk etc.
    *[path(f"{s.slug}/", portal.section, {"slug": s.slug}, name=f"section_{s.slug}") for s in SECTIONS],
]
