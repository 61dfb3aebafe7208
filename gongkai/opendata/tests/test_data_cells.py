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
