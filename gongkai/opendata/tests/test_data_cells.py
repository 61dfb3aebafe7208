"""`data_cells` (issue 19 item 1, ADR 0061) writes what the dataset table's loop wrote: the loop of the
template before the change is kept here and both are rendered on cells of every status."""

from decimal import Decimal

from django.template import Context, Template

from gongkai.opendata.query import Cell

LOOP = (
    "{% for cell in cells %}<td class=\"num{% if cell.status == 'S' %} suppressed{% elif cell.status == 'P' %}"
    " preliminary{% elif cell.status == 'R' %} revised{% endif %}\"{% if cell.status == 'S' %}"
    " title=\"调查对象过少，不予公布\"{% endif %}>{{ cell.display }}{% if cell.status == 'S' %}<sup>S</sup>"
    "{% elif cell.status == 'P' %}<sup>P</sup>{% elif cell.status == 'R' %}<sup>R</sup>{% endif %}</td>{% endfor %}"
)


def test_the_cells_are_the_loop_s_markup():
    cells = [
        Cell(Decimal("1234.567"), "F", 2),
        Cell(Decimal("101.2"), "P", 1),
        Cell(Decimal("-3"), "R", 0),
        Cell(Decimal("7"), "S", 0),
        Cell(None, "M", 0),
    ]
    expected = Template(LOOP).render(Context({"cells": cells}))
    written = Template("{% load opendata_tags %}{{ cells|data_cells }}").render(Context({"cells": cells}))
    assert written == expected
    assert "1,234.57" in written and "<sup>S</sup>" in written and "…" in written


BOXES = (
    '{% load opendata_tags %}{% for code, label in options|get_item:name %}<label><input type="checkbox" '
    'name="{{ name }}" value="{{ code }}"{% if code in selected|get_item:name %} checked{% endif %}> {{ label }}'
    "</label>{% endfor %}"
)


def test_the_choice_boxes_are_the_loop_s_markup():
    """`choice_boxes` (ADR 0063) writes what the table builder's loop wrote, selected or not, escaped."""
    context = {
        "name": "AREA",
        "options": {"AREA": [("350100", "福州市"), ("350102", "鼓楼区"), ("<x>", 'A & "B"'), ("2024", 2024)]},
        "selected": {"AREA": {"350102", "<x>"}},
    }
    expected = Template(BOXES).render(Context(context))
    written = Template(
        "{% load opendata_tags %}{% choice_boxes options|get_item:name name selected|get_item:name %}"
    ).render(Context(context))
    assert written == expected
    assert written.count(" checked") == 2 and "&lt;x&gt;" in written and "A &amp; &quot;B&quot;" in written
    assert (
        Template(
            '{% load opendata_tags %}{% choice_boxes options|get_item:"TIME" "TIME" selected|get_item:"TIME" %}'
        ).render(Context(context))
        == ""
    )
