"""The public catalogue lists' rows written in Python (issue 19 item 1, ADR 0061): `{% catalogue_rows %}`
writes exactly what list.html's loop of ~8 variables, a `{% url %}`, a nested loop over the validities
and two filters per row wrote, without the template engine's per-variable work. Per request, from the
rows the view keeps per generation (ADR 0056); nothing is kept here."""

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from gongkai.core.datecache import local_date
from gongkai.core.urlcache import cached_reverse

register = template.Library()


def _text(value) -> str:
    """`{{ value }}`: localised, text, escaped unless already safe."""
    return conditional_escape(str(localize(value)))


@register.simple_tag
def catalogue_rows(rows, validities, show_summary):
    labels = dict(validities)
    out = []
    for r in rows:
        badge = ""
        if r.effective_validity != "in_force":
            badge = f' <span class="badge warn">{_text(labels[r.effective_validity]) if r.effective_validity in labels else ""}</span>'
        summary = ""
        if show_summary:
            # `r.summary|truncatechars:60|default:"—"`
            short = Truncator(str(r.summary)).chars(60)
            summary = f"<td>{_text(short or '—')}</td>"
        url = conditional_escape(cached_reverse("catalogue:item", args=[r.item.slug]))
        when = local_date(r.public_at, "Y-m-d")
        out.append(
            "\n  <tr>\n"
            f'    <td class="nowrap">{_text(r.item.index_number)}</td>\n'
            f'    <td><a href="{url}">{_text(r.title)}</a>{badge}</td>\n'
            f"    {summary}\n"
            f'    <td class="nowrap">{_text(r.document_number or "—")}</td>\n'
            f'    <td class="nowrap">{_text(when)}</td>\n'
            "  </tr>\n  "
        )
    return mark_safe("".join(out))
