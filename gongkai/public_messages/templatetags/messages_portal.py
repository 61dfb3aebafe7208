"""The public 留言 list's rows written in Python (issue 19 item 1, ADR 0061): `{% message_rows %}` writes
exactly what list.html's loop (seven expressions, a `{% url %}` and two dates per row) wrote, without
the template engine's per-variable work. Per request, from the rows the view keeps per generation."""

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from gongkai.core.datecache import local_date
from gongkai.core.urlcache import cached_reverse

register = template.Library()


def _text(value) -> str:
    """`{{ value }}`: localised, text, escaped unless already safe."""
    return conditional_escape(str(localize(value)))


def _when(moment) -> str:
    """`{{ moment|date:"Y-m-d H:i" }}`."""
    return _text(local_date(moment, "Y-m-d H:i"))


@register.simple_tag
def message_rows(messages):
    out = []
    for m in messages:
        url = conditional_escape(cached_reverse("public_messages:detail", args=[m.number]))
        out.append(
            f'\n  <tr><td class="nowrap">{_text(m.number)}</td><td><a href="{url}">{_text(m.subject)}</a></td>'
            f"<td>{_text(m.get_category_display())}</td>\n"
            f'    <td class="nowrap">{_when(m.received_at)}</td><td class="nowrap">{_when(m.replied_at)}</td></tr>\n  '
        )
    return mark_safe("".join(out))
