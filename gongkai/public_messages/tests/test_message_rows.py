"""`{% message_rows %}` (issue 19 item 1, ADR 0061) writes what the 留言 list's loop wrote: the loop of the
template before the change is kept here and both are rendered on the same rows."""

from datetime import UTC, datetime
from types import SimpleNamespace

from django.template import Context, Template

LOOP = """<tbody>{% for m in page.object_list %}
  <tr><td class="nowrap">{{ m.number }}</td><td><a href="{% url 'public_messages:detail' m.number %}">{{ m.subject }}</a></td><td>{{ m.get_category_display }}</td>
    <td class="nowrap">{{ m.received_at|date:"Y-m-d H:i" }}</td><td class="nowrap">{{ m.replied_at|date:"Y-m-d H:i" }}</td></tr>
  {% endfor %}</tbody>"""
TAG = "{% load messages_portal %}<tbody>{% message_rows page.object_list %}</tbody>"


def message(number, subject, category, received, replied):
    return SimpleNamespace(
        number=number,
        subject=subject,
        get_category_display=lambda: category,
        received_at=received,
        replied_at=replied,
    )


def test_the_rows_are_the_loop_s_markup():
    rows = [
        message(
            "LY202611080016",
            "关于<统计>数据 & 口径的咨询",
            "咨询",
            datetime(2026, 11, 30, 17, 30, tzinfo=UTC),
            None,
        ),
        message(
            "LY202611080017",
            "建议",
            "建言<献策>",
            datetime(2026, 1, 2, 3, 4, tzinfo=UTC),
            datetime(2026, 1, 9, tzinfo=UTC),
        ),
    ]
    context = {"page": SimpleNamespace(object_list=rows)}
    expected = Template(LOOP).render(Context(context))
    written = Template(TAG).render(Context(context))
    assert written == expected
    assert "&lt;统计&gt;" in written and "2026-12-01 01:30" in written
