"""sitemap.xml (for crawlers): django.contrib.sitemaps gathers the URLs, kept for the page cache's
generation, and the XML is written directly rather than through a template loop (issue 19 item 1).

Gathering asks every app's Sitemap class for its public records (two queries each) and reverses one
URL per record; all of it is the same for every crawler of a site until a committed write or a
scheduled minute ends the generation (ADR 0043). Writing ~750 <url> entries with Django's template
engine cost ~10 ms; joined strings cost a fraction of it and give the same document."""

from datetime import datetime

from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.http import HttpResponse
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.html import escape

from gongkai.core.pagecache import memoised

from ..sitemaps import sitemaps

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


def _day(value) -> str:
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%Y-%m-%d")


def _entry(url: dict) -> str:
    parts = ["<url><loc>", escape(url["location"]), "</loc>"]
    if url.get("lastmod"):
        parts += ["<lastmod>", _day(url["lastmod"]), "</lastmod>"]
    if url.get("changefreq"):
        parts += ["<changefreq>", escape(url["changefreq"]), "</changefreq>"]
    if url.get("priority"):
        parts += ["<priority>", escape(url["priority"]), "</priority>"]
    for alternate in url.get("alternates") or ():
        parts.append(
            f'<xhtml:link rel="alternate" hreflang="{escape(alternate["lang_code"])}" '
            f'href="{escape(alternate["location"])}"/>'
        )
    parts.append("</url>")
    return "".join(parts)


def sitemap_xml(request):
    page = request.GET.get("p", "1")[:12]

    def gather():
        # Django's view finds the URLs, the page (?p=) and Last-Modified; its response is never rendered.
        found = django_sitemap(request, sitemaps=sitemaps())
        return found.context_data["urlset"], found.get("Last-Modified")

    key = f"sitemap.xml:{request.scheme}:{request.get_host()}:{get_script_prefix()}:{page}"
    urls, last_modified = memoised(key, gather)
    body = HEAD + "".join(_entry(url) for url in urls) + "\n</urlset>\n"
    response = HttpResponse(body, content_type="application/xml")
    if last_modified:
        response["Last-Modified"] = last_modified
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response
