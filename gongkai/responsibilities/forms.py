from django import forms

from .models import PowerType


class AdjustForm(forms.Form):
    change_note = forms.CharField(label="调整说明", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    effective_on = forms.DateField(label="生效日期", widget=forms.DateInput(attrs={"type": "date"}))


class ImportForm(AdjustForm):
    file = forms.FileField(
        label="权责清单表格（.xlsx）", help_text="表头须含：职权编码、职权名称、职权类型、行使主体、法律依据"
    )


class ItemForm(forms.Form):
    code = forms.CharField(label="职权编码", max_length=40)
    name = forms.CharField(label="职权名称", max_length=200)
    power_type = forms.ChoiceField(label="职权类型", choices=PowerType.choices)
    content = forms.CharField(label="职权内容", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    acting_body = forms.CharField(label="行使主体", max_length=200)
    basis = forms.CharField(
        label="法律依据", widget=forms.Textarea(attrs={"rows": 3}), help_text="法律名称及条款"
    )
    basis_url = forms.URLField(label="法律依据链接", required=False, max_length=500)
    duties = forms.CharField(label="责任事项", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    accountability = forms.CharField(
        label="追责情形", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    process = forms.CharField(label="办理流程", required=False, widget=forms.Textarea(attrs={"rows": 3}))
