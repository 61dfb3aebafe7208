"""Template helpers of the site shell: `{% load gongkai_web %}`."""

import re
from datetime import date, datetime

from django import template
from django.utils import timezone

register = template.Library()

# The national “我为政府网站找错” service, addressed by the site's 网站标识码.
JIUCUO_URL = "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={code}"


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context) -> list[tuple[str, str]]:
    """The breadcrumb after the root: the page's section (derived from its path) + the view's trail.

    Views pass `breadcrumb = [(label, url or None), ...]`; they need not repeat the section. An
    empty list on a page outside any section (the home page) gives no breadcrumb at all.
    """
    trail = list(context.get("breadcrumb") or [])
    section = context.get("portal_section")
    request = context.get("request")
    if section is not None and not context.get("in_office") and (not trail or trail[0][0] != section.label):
        here = request is not None and request.path == section.path
        trail.insert(0, (section.label, None if here and not trail else section.path))
    return trail


@register.filter
def digits(value) -> str:
    return re.sub(r"\D", "", str(value or ""))


@register.filter
def cn_date(value) -> str:
    """2026年11月28日 — the form dates take in running text (SITE.md, Tone)."""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    if not isinstance(value, date):
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


@register.simple_tag
def error_report_url(site) -> str:
    if site is None:
        return ""
    if site.error_report_url:
        return site.error_report_url
    return JIUCUO_URL.format(code=site.website_code) if site.website_code else ""
