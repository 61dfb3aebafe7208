"""The site's form renderer (Django's common widgets written in Python) and the inlined widget templates
(gongkai.web; issue 19 item 1, ADR 0056) render exactly what Django's own templates render."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, TemplatesSetting
from django.utils.safestring import mark_safe

from gongkai.web.form_renderer import SiteFormRenderer


class Sample(forms.Form):
    name = forms.CharField(
        max_length=20, required=False, widget=forms.TextInput(attrs={"placeholder": "姓名 <&>"})
    )
    email = forms.EmailField()
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    kind = forms.ChoiceField(choices=[("", "请选择"), ("a", "甲 & 乙"), ("b", "丙")])
    grouped = forms.ChoiceField(choices=[("组一", [("1", "一"), ("2", "二")]), ("3", "三")])
    many = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y")], required=False)
    agree = forms.BooleanField(required=False)
    number = forms.IntegerField(required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)
    secret = forms.CharField(widget=forms.PasswordInput(attrs={"data-x": mark_safe("<b>")}), required=False)
    free = forms.CharField(widget=forms.TextInput(attrs={"disabled": True, "hidden": False, "maxlength": 5}))
    radio = forms.ChoiceField(choices=[("r1", "R1"), ("r2", "R2")], widget=forms.RadioSelect, required=False)
    boxes = forms.MultipleChoiceField(
        choices=[("组", [("c1", "C1")]), ("c2", "C2 <b>")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


def _render(renderer, data=None):
    form = Sample(data, renderer=renderer)
    return [str(form[name]) for name in form.fields]


@pytest.mark.parametrize("renderer", [SiteFormRenderer, TemplatesSetting])
def test_our_widgets_render_as_django_does(renderer):
    ours, django = renderer(), DjangoTemplates()
    assert _render(ours) == _render(django)
    data = {
        "name": 'x"y',
        "kind": "a",
        "grouped": "2",
        "many": ["x", "y"],
        "agree": "on",
        "body": "多行\n文字",
        "radio": "r2",
        "boxes": ["c1", "c2"],
        "day": "2026-12-07",
        "free": "<script>",
        "number": "12",
    }
    assert _render(ours, data) == _render(django, data)


def test_the_site_uses_the_inlined_templates():
    from django.conf import settings
    from django.template.loader import get_template

    assert settings.FORM_RENDERER == "gongkai.web.form_renderer.SiteFormRenderer"
    assert "gongkai/web/templates" in str(get_template("django/forms/widgets/select.html").origin.name)
