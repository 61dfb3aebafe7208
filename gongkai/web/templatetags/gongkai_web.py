"""Template helpers of the site shell: `{% load gongkai_web %}`."""

import itertools
import re
from datetime import date, datetime

from django import template
from django.urls import get_script_prefix
from django.utils import timezone, translation
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from gongkai.core.pagecache import memoised
from gongkai.core.sites import JIUCUO_URL  # the national 找错 service, by 网站标识码

from .cached_text import date as cached_date

register = template.Library()


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


_fragment_ids = itertools.count()


@register.tag("memo")
def do_memo(parser, token):
    """`{% memo [var …] %}…{% endmemo %}`: the rendered fragment kept in this process for as long as the
    page cache's generation lasts (`pagecache.memoised`, ADR 0043/0056), keyed by where it stands in its
    template, the agency, the site's prefix, elder mode, language and the values of the named variables.

    Only for what is the same for every anonymous reader of that agency's site (the layout's header,
    navigation, footer): nothing about the request (its path, a search query, a CSRF token) may be read
    inside. Outside a generation — the office, a signed-in visitor — or without the site's context
    processor (the 500 page) it is rendered every time."""
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    return MemoNode(nodelist, [parser.compile_filter(bit) for bit in token.split_contents()[1:]])


class MemoNode(template.Node):
    def __init__(self, nodelist, vary):
        self.nodelist = nodelist
        self.vary = vary
        self.ident = next(_fragment_ids)  # this fragment of this compiled template

    def render(self, context):
        key = _fragment_key(
            context, ["fragment", str(self.ident), *(repr(v.resolve(context)) for v in self.vary)]
        )
        if key is None:
            return self.nodelist.render(context)
        return memoised(key, lambda: self.nodelist.render(context))


def _fragment_key(context, parts: list[str]) -> str | None:
    """The memo key of a fragment of the site's own pages: `parts`, the agency, the site's prefix, elder
    mode and language; None outside the site's context (the 500 page), where nothing is kept."""
    request = context.get("request")
    if request is None or context.get("site_root") is None:
        return None
    agency = getattr(request, "agency", None)
    return "\n".join(
        [
            *parts,
            str(getattr(agency, "pk", None)),
            get_script_prefix(),
            "e" if context.get("elder_mode") else "n",
            translation.get_language() or "",
        ]
    )


@register.tag("formmemo")
def do_formmemo(parser, token):
    """`{% formmemo form [var …] %}…{% endformmemo %}`: the markup of a public form's fields kept like a
    `{% memo %}` fragment (per generation of the page cache, ADR 0056/0061) while the form is not bound —
    a GET: no typed values, no errors, the same markup for every visitor of the agency's site. Keyed by
    where it stands in its template, the request's path (a form of one consultation or survey), the
    form's class, prefix, auto_id and initial values, and the named variables; the CSRF token stays
    outside the block, in the page. A bound form — re-shown with its errors and the values typed — is
    rendered every time, and so is everything outside the site's context."""
    nodelist = parser.parse(("endformmemo",))
    parser.delete_first_token()
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% formmemo form [var …] %} names the form")
    return FormMemoNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )


class FormMemoNode(template.Node):
    def __init__(self, nodelist, form, vary):
        self.nodelist = nodelist
        self.form = form
        self.vary = vary
        self.ident = next(_fragment_ids)

    def render(self, context):
        form = self.form.resolve(context)
        if form is None or getattr(form, "is_bound", True) or getattr(form, "_errors", None):
            return self.nodelist.render(context)
        kind = type(form)
        request = context.get("request")
        key = _fragment_key(
            context,
            [
                "form",
                str(self.ident),
                getattr(request, "path", ""),
                f"{kind.__module__}.{kind.__qualname__}",
                repr(form.prefix),
                repr(form.auto_id),
                repr(sorted((str(k), _initial(v)) for k, v in form.initial.items())),
                *(repr(v.resolve(context)) for v in self.vary),
            ],
        )
        if key is None:
            return self.nodelist.render(context)
        return memoised(key, lambda: self.nodelist.render(context))


def _initial(value) -> str:
    """An initial value in a memo key: a model instance by its model and key (its repr is only its
    name), anything else by its repr."""
    meta = getattr(value, "_meta", None)
    if meta is not None and hasattr(value, "pk"):
        return f"{meta.label}:{value.pk}"
    return repr(value)


@register.filter
def item_rows(items):
    """`<li>` rows of a list of (label, url, date) — a home page block — written in Python instead of a
    template loop per row (ADR 0061); the same markup as `<li><a href="{{ url }}">{{ label }}</a>{% if on
    %}<span class="item-date">{{ on|date:"Y-m-d" }}</span>{% endif %}</li>`."""
    out = []
    for label, url, on in items or ():
        when = (
            f'<span class="item-date">{_cell(cached_date(timezone.template_localtime(on), "Y-m-d"))}</span>'
            if on
            else ""
        )
        out.append(f'<li><a href="{_cell(url)}">{_cell(label)}</a>{when}</li>')
    return mark_safe("".join(out))


@register.filter
def home_blocks(blocks):
    """The `<section class="block">` of each home page block (a column's latest items), written in Python
    like `item_rows` (ADR 0061; a `web.home.HomeBlock` each); the news, data and interaction rows of the home page all use it."""
    out = []
    for number, block in enumerate(blocks or (), start=1):
        slot, title = _cell(block.slot), _cell(block.title)
        heading = f"block-{slot}-{number}"
        if block.items:
            body = f'<ul class="item-list">{item_rows(block.items)}</ul>'
        else:
            body = f'<p class="empty">{_cell(block.empty_text)}</p>'
        more = (
            f'<p class="more"><a href="{_cell(block.more_url)}">更多{title}</a></p>' if block.more_url else ""
        )
        out.append(
            f'<section class="block block-{slot}" aria-labelledby="{heading}">'
            f'<h3 id="{heading}" class="block-title">{title}</h3>{body}{more}</section>'
        )
    return mark_safe("".join(out))


_MISSING = '<span class="ar-missing">未填写</span>'


@register.filter
def td_cells(values, rule: str = ""):
    """`<td>…</td>` for each value of a statistical table's row, written in Python instead of a template
    loop per cell (the 2025 annual report's tables have ~250 cells; ADR 0061). Each value as `{{ v }}`
    writes it (localised, escaped); with `rule` "zero" a false value is written 0 (and `values` are
    (value, column) pairs, the form of table 3's rows), with "missing" None is 未填写."""
    out = []
    for v in values or ():
        if rule == "zero":
            v = v[0]
            text = _cell(v) if v else "0"
        elif rule == "missing" and v is None:
            text = _MISSING
        else:
            text = _cell(v)
        out.append(f"<td>{text}</td>")
    return mark_safe("".join(out))


def _cell(value) -> str:
    """`{{ value }}` of a number or a text: localised, text, escaped unless already safe."""
    return conditional_escape(str(localize(value)))


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
