"""`{% catalogue_rows %}` (issue 19 item 1, ADR 0061) writes what list.html's loop wrote, row by row:
the loop of the template before the change is kept here and both are rendered on the same rows."""

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from django.template import Context, Template

from gongkai.catalogue.models import Validity

LOOP = """<tbody>
  {% for r in page.object_list %}
  <tr>
    <td class="nowrap">{{ r.item.index_number }}</td>
    <td><a href="{% url 'catalogue:item' r.item.slug %}">{{ r.title }}</a>{% if r.effective_validity != "in_force" %} <span class="badge warn">{% for value, label in validities %}{% if value == r.effective_validity %}{{ label }}{% endif %}{% endfor %}</span>{% endif %}</td>
    {% if show_summary %}<td>{{ r.summary|truncatechars:60|default:"—" }}</td>{% endif %}
    <td class="nowrap">{{ r.document_number|default:"—" }}</td>
    <td class="nowrap">{{ r.public_at|date:"Y-m-d" }}</td>
  </tr>
  {% endfor %}
  </tbody>"""
TAG = """{% load catalogue_portal %}<tbody>
  {% catalogue_rows page.object_list validities show_summary %}
  </tbody>"""


def row(slug, validity, summary, number, at):
    item = SimpleNamespace(index_number=f"350100TJJ-2026-{slug}", slug=slug)
    return SimpleNamespace(
        item=item,
        title=f"关于<{slug}>的通知 & 附件",
        effective_validity=validity,
        summary=summary,
        document_number=number,
        public_at=at,
    )


@pytest.mark.parametrize("show_summary", [True, False])
def test_the_rows_are_the_loop_s_markup(show_summary):
    rows = [
        row(
            "00001",
            "in_force",
            "统计公报" * 30,
            "榕统〔2026〕1号",
            datetime(2026, 11, 30, 17, 30, tzinfo=UTC),
        ),
        row("00002", "repealed", "", None, datetime(2026, 1, 2, 3, 4, tzinfo=UTC)),
        row("00003", "no_such_value", None, "", None),
        row("00004", Validity.choices[-1][0], "<b>粗体</b>", "文号<1>", datetime(2025, 6, 1, tzinfo=UTC)),
    ]
    context = {
        "page": SimpleNamespace(object_list=rows),
        "validities": Validity.choices,
        "show_summary": show_summary,
    }
    expected = Template(LOOP).render(Context(context))
    written = Template(TAG).render(Context(context))
    assert written == expected
    assert "&lt;00001&gt;" in written and "2026-12-01" in written and ("—" in written)
