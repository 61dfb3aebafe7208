from django import forms

from gongkai.accounts.models import Department
from gongkai.outbox.models import WebhookEndpoint

from .models import Account, Platform


class AccountForm(forms.Form):
    platform = forms.ChoiceField(label="平台", choices=[("", "请选择")] + Platform.choices)
    name = forms.CharField(label="账号名称", max_length=100)
    account_id = forms.CharField(label="账号 ID", max_length=100, help_text="平台上的账号 ID 或原始 ID")
    department = forms.ModelChoiceField(label="主办处室", queryset=Department.objects.none(), required=False)
    url = forms.URLField(label="访问地址", max_length=500, required=False, assume_scheme="https")
    qr_image = forms.FileField(
        label="二维码图片", required=False, help_text="PNG 或 JPEG，不超过 1 MB；不上传则按访问地址生成"
    )
    registration_number = forms.CharField(label="备案编号", max_length=60, required=False)
    opened_on = forms.DateField(label="开设日期", widget=forms.DateInput(attrs={"type": "date"}))
    endpoint = forms.ModelChoiceField(
        label="发布接口（Webhook）", queryset=WebhookEndpoint.objects.none(), required=False
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(agency=agency, is_active=True)
        self.fields["endpoint"].queryset = WebhookEndpoint.objects.filter(agency=agency, is_active=True)

    def clean_qr_image(self):
        image = self.cleaned_data.get("qr_image")
        if image:
            head = image.read(8)
            image.seek(0)
            if not (head.startswith(b"\x89PNG") or head.startswith(b"\xff\xd8\xff")):
                raise forms.ValidationError("二维码图片须为 PNG 或 JPEG。")
            if image.size > 1024 * 1024:
                raise forms.ValidationError("二维码图片不能超过 1 MB。")
        return image


class CloseForm(forms.Form):
    on = forms.DateField(label="关停日期", widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label="关停原因", max_length=300)


class PostForm(forms.Form):
    title = forms.CharField(label="标题", max_length=120)
    summary = forms.CharField(label="摘要", max_length=300, widget=forms.Textarea(attrs={"rows": 3}))
    link = forms.URLField(label="原文链接", max_length=500, assume_scheme="https")
    image_url = forms.URLField(label="配图地址", max_length=500, required=False, assume_scheme="https")
    accounts = forms.ModelMultipleChoiceField(
        label="发布账号", queryset=Account.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accounts"].queryset = Account.objects.filter(agency=agency, status=Account.Status.ACTIVE)
