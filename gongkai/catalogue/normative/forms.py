from django import forms

from ..forms import DATE
from ..models import CleanupOutcome, NormativeDocument, NormativeStatus


class NormativeForm(forms.Form):
    effective_on = forms.DateField(label="施行日期", widget=DATE)
    expires_on = forms.DateField(
        label="有效期至",
        widget=DATE,
        required=False,
        help_text="留空表示未规定有效期；到期前 6 个月提醒政务公开办",
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="新的效力状态", choices=NormativeStatus.choices)
    effective_on = forms.DateField(label="生效日期", widget=DATE)
    reason = forms.CharField(
        label="说明（公开）",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="如：被《……》（榕统〔2026〕5号）废止",
    )
    successor = forms.CharField(
        label="修改后（替代）文件的索引号",
        max_length=40,
        required=False,
        help_text="已修改或被替代时填写，原文页面将链接到该文件",
    )


class CampaignForm(forms.Form):
    name = forms.CharField(label="清理名称", max_length=200, help_text="如：2026年规范性文件集中清理")
    scope = forms.CharField(label="清理范围", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    started_on = forms.DateField(label="开始日期", widget=DATE)
    ended_on = forms.DateField(label="结束日期", widget=DATE, required=False)


class DecisionForm(forms.Form):
    document = forms.ModelChoiceField(label="规范性文件", queryset=NormativeDocument.objects.none())
    outcome = forms.ChoiceField(label="清理结果", choices=CleanupOutcome.choices)
    reason = forms.CharField(
        label="理由（公开）",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="修改、废止、宣布失效时必填",
    )
    successor = forms.CharField(label="修改后（替代）文件的索引号", max_length=40, required=False)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = NormativeDocument.objects.filter(agency=agency).select_related(
            "item__current_revision"
        )
        self.fields["document"].label_from_instance = lambda d: (
            f"{d.item.index_number} {d.item.current_revision.title if d.item.current_revision else ''}"
            f"（{d.get_status_display()}）"
        )


class PublishCampaignForm(forms.Form):
    result_note = forms.CharField(
        label="清理结果说明（公开）", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
