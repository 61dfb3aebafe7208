"""The site's form renderer: Django's common widgets written in Python (issue 19 item 1, ADR 0056).

Django renders every widget through the template engine — a template per input, and for a select or a
radio group one more per option — which was half the CPU of a public form page (依申请公开: 14 fields,
~5 ms). `render()` writes the markup of Django's own templates for text-like inputs, checkboxes,
textareas, selects and radio/checkbox groups directly, with the template engine's escaping; any other
template (a widget of its own, a file input, the form and field layouts) goes to the templates as
before. `web/tests/test_form_widgets.py` compares the output with Django's templates, widget by widget.
"""

from django.forms.renderers import TemplatesSetting
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

_PREFIX = "django/forms/widgets/"
_INPUTS = frozenset(
    f"{_PREFIX}{name}.html"
    for name in (
        "input",
        "text",
        "email",
        "number",
        "url",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "search",
        "tel",
        "checkbox",
    )
)


def _text(value) -> str:
    """`{{ value }}`: localised, text, escaped unless already safe."""
    return conditional_escape(str(localize(value)))


def _formatted(value) -> str:
    """`{{ value|stringformat:'s' }}`."""
    try:
        text = "%s" % value  # noqa: UP031 - exactly the stringformat filter (a tuple fails as there)
    except (ValueError, TypeError):
        return ""
    return text if isinstance(value, SafeData) else conditional_escape(text)


def _attrs(attrs) -> str:
    out = []
    for name, value in attrs.items():
        if value is not False:
            out.append(" " + _text(name))
            if value is not True:
                out.append(f'="{_formatted(value)}"')
    return "".join(out)


def _input(widget) -> str:
    value = f' value="{_formatted(widget["value"])}"' if widget["value"] is not None else ""
    return f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}{_attrs(widget["attrs"])}>\n'


def _textarea(widget) -> str:
    value = _text(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>\n'


def _select(widget) -> str:
    out = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in options:
            out.append(
                f'\n  <option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_text(option['label'])}</option>\n"
            )
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>\n")
    return "".join(out)


def _choice_option(option) -> str:
    """input_option.html through radio_option.html / checkbox_option.html."""
    wrap = option["wrap_label"]
    label_open = ""
    if wrap:
        label_open = f' for="{_text(option["attrs"]["id"])}"' if option["attrs"].get("id") else ""
        label_open = f"<label{label_open}>"
    close = f" {_text(option['label'])}</label>" if wrap else ""
    return f"{label_open}{_input(option)}{close}\n\n"


def _multiple(widget) -> str:
    attrs = widget["attrs"]
    head = f' id="{_text(attrs["id"])}"' if attrs.get("id") else ""
    if attrs.get("class"):
        head += f' class="{_text(attrs["class"])}"'
    out = [f"<div{head}>"]
    for group, options, _index in widget["optgroups"]:
        if group:
            out.append(f"\n  <div><label>{_text(group)}</label>")
        for option in options:
            out.append(f"<div>\n    {_choice_option(option)}</div>")
        if group:
            out.append("\n  </div>")
    out.append("\n</div>\n\n")
    return "".join(out)


_WRITERS = {
    **dict.fromkeys(_INPUTS, _input),
    f"{_PREFIX}textarea.html": _textarea,
    f"{_PREFIX}select.html": _select,
    f"{_PREFIX}radio.html": _multiple,
    f"{_PREFIX}checkbox_select.html": _multiple,
}


_OPTION_TEMPLATES = frozenset(
    f"{_PREFIX}{name}.html" for name in ("select_option", "radio_option", "checkbox_option")
)


def _standard_options(widget) -> bool:
    """A widget of its own may name its own option template: then the templates render it."""
    return all(
        option.get("template_name") in _OPTION_TEMPLATES
        for _group, options, _index in widget.get("optgroups", ())
        for option in options
    )


class SiteFormRenderer(TemplatesSetting):
    def render(self, template_name, context, request=None):
        writer = _WRITERS.get(template_name)
        widget = context.get("widget") if writer is not None else None
        if widget is None or widget.get("template_name") != template_name or not _standard_options(widget):
            return super().render(template_name, context, request)
        # Django strips a rendered widget (BaseRenderer.render); every value above is escaped as there.
        return mark_safe(writer(widget).strip())  # noqa: S308
