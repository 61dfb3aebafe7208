from django import forms

from gongkai.core.errors import ValidationFailed

from . import filetypes

MAX_SCAN_UPLOAD_BYTES = 50 * 1024 * 1024


class NegativeListEntryForm(forms.Form):
    matter = forms.CharField(
        label="不予公开事项",
        max_length=200,
        help_text="如：统计调查中获得的能够识别或者推断单个统计调查对象身份的资料",
    )
    legal_basis = forms.CharField(
        label="法律依据",
        max_length=300,
        help_text="如：《中华人民共和国统计法》第三十九条；《政府信息公开条例》第十五条",
    )
    terms = forms.CharField(
        label="检查用词语",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="每行一个词语，至少 2 个字。正文或附件中出现这些词语时，保密审查会提示高风险。"
        "请选用足够具体的词语，避免误报。",
    )
    note = forms.CharField(
        label="说明",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="向公众说明的补充内容，可留空。",
    )
    sort_order = forms.IntegerField(label="排序", min_value=0, max_value=32767, initial=0)
    is_active = forms.BooleanField(label="有效（在网站公布并用于保密审查）", required=False, initial=True)


class OverrideForm(forms.Form):
    reason = forms.CharField(label="确认理由", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class ScanFileForm(forms.Form):
    file = forms.FileField(
        label="选择文件",
        help_text="PDF、Word（DOCX）、Excel（XLSX）、ODT、ODS 或图片，"
        "不超过 50 MB。文件只用于本次检查，不会保存。",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_SCAN_UPLOAD_BYTES:
            raise forms.ValidationError("文件超过 50 MB，请拆分后再检查。")
        data = upload.read()
        try:
            filetypes.detect(data, upload.name)
        except ValidationFailed as error:
            raise forms.ValidationError(error.message) from error
        self.data_bytes = data
        return upload
