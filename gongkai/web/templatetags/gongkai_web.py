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
    return [(label, _on_site(url)) for label, url in trail]


# Views name their breadcrumb links as site paths ("/xxgk/"); inside an agency site under /bm/<code>/
# (core.sites, ADR 0037) they get the site's prefix. Platform-wide paths stay as they are.
_PLATFORM_PATHS = ("/office/", "/static/", "/media/", "/city/")


def _on_site(url):
    from django.urls import get_script_prefix

    prefix = get_script_prefix()
    if not url or prefix == "/" or not url.startswith("/") or url.startswith(prefix):
        return url
    if url.startswith(_PLATFORM_PATHS):
        return url
    return prefix.rstrip("/") + url


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


_TABLE_TAG = re.compile(r"<(/?)table\b[^>]*>", re.IGNORECASE)
SCROLL_BOX = '<div class="table-scroll" tabindex="0" role="region" aria-label="正文表格{n}（可左右滚动）">'


@register.filter
def scroll_tables(html) -> str:
    """Puts every outermost <table> of a (sanitised) body in the focusable scroll box, so that a
    wide statistical table scrolls inside its box and never pushes the page sideways (issue 11
    item 22). Nested tables stay inside their parent's box."""
    from django.utils.safestring import mark_safe

    text = str(html or "")
    out, depth, last, count = [], 0, 0, 0
    for match in _TABLE_TAG.finditer(text):
        closing = bool(match.group(1))
        if not closing:
            if depth == 0:
                count += 1
                out.append(text[last : match.start()])
                out.append(SCROLL_BOX.format(n=count))
                last = match.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                out.append(text[last : match.end()])
                out.append("</div>")
                last = match.end()
    if depth:  # an unclosed table: close the box at the end so the markup stays balanced
        out.append(text[last:])
        out.append("</div>")
    else:
        out.append(text[last:])
    return mark_safe("".join(out))  # noqa: S308 - the input is the sanitised body; only our box is added
