import html

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`options|get_item:d.code` — dict lookup by a variable key."""
    try:
        return mapping.get(key, ())
    except AttributeError:
        return ()


_STATUS_CLASS = {"S": " suppressed", "P": " preliminary", "R": " revised"}


@register.filter
def data_cells(cells):
    """The `<td>`s of one row of a dataset's table, written in Python instead of a template loop with
    three status tests per cell (issue 19 item 1, ADR 0061); the same markup: the status class, the
    suppression title, `{{ cell.display }}` escaped, the status mark."""
    out = []
    for cell in cells:
        status = cell.status
        title = ' title="调查对象过少，不予公布"' if status == "S" else ""
        mark = f"<sup>{status}</sup>" if status in _STATUS_CLASS else ""
        text = conditional_escape(str(localize(cell.display())))
        out.append(f'<td class="num{_STATUS_CLASS.get(status, "")}"{title}>{text}{mark}</td>')
    return mark_safe("".join(out))


def _text(value) -> str:
    """`{{ value }}`'s output: localised, escaped unless already safe (without the lazy wrapper of
    `conditional_escape`, a third of the boxes' cost)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(value if isinstance(value, str) else str(localize(value)))


@register.simple_tag
def choice_boxes(choices, name, selected):
    """The table builder's checkboxes of one dimension (every code of the dataset: its indicators, areas,
    periods), written in Python instead of a template loop with a membership test per box (ADR 0063); the
    same markup as the loop it replaces: `{{ }}` escaping, ` checked` for the selected codes."""
    chosen = selected or ()
    field = _text(name)
    return mark_safe(
        "".join(
            f'<label><input type="checkbox" name="{field}" value="{_text(code)}"'
            f"{' checked' if code in chosen else ''}> {_text(label)}</label>"
            for code, label in choices
        )
    )
