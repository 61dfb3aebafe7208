from django import forms

from gongkai.accounts.models import Department

from .models import CatalogueNode, DisclosureMode, OpennessCategory, Validity
from .widgets import BodyEditor

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RevisionForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200)
    summary = forms.CharField(label="内容概述", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    topic = forms.CharField(label="主题分类", max_length=100, required=False, help_text="如：综合政务\\统计")
    issuer = forms.CharField(label="发文机关", max_length=100)
    document_number = forms.CharField(
        label="发文字号", max_length=60, required=False, help_text="如：榕统〔2026〕1号"
    )
    written_on = forms.DateField(label="成文日期", required=False, widget=DATE)
    formed_on = forms.DateField(
        label="信息形成（变更）日期", widget=DATE, help_text="《条例》第二十六条：自该日起 20 个工作日内公开"
    )
    category = forms.ChoiceField(label="五公开类别", choices=OpennessCategory.choices)
    node = forms.ModelChoiceField(
        label="目录事项", queryset=CatalogueNode.objects.none(), required=False, empty_label="（未归类）"
    )
    department = forms.ModelChoiceField(label="责任处室", queryset=Department.objects.none(), required=False)
    validity = forms.ChoiceField(label="有效性", choices=Validity.choices)
    disclosure_mode = forms.ChoiceField(label="公开方式", choices=DisclosureMode.choices)
    withheld_reason = forms.CharField(
        label="不予公开理由", max_length=300, required=False, help_text="选择“不予公开”时必填，写明依据的条款"
    )
    body = forms.CharField(
        label="正文",
        widget=BodyEditor(),
        required=False,
        help_text="用工具栏设置标题、列表、链接、表格和图片；保存时只保留段落、标题、列表、表格、链接、本站图片等安全格式，"
        "脚本和样式会被自动去除",
    )
    needs_interpretation = forms.BooleanField(
        label="需要政策解读",
        required=False,
        help_text="重要政策文件应同步起草、同步审批、同步发布解读（“三同步”）；勾选后须有解读同时发布或领导登记理由",
    )
    change_note = forms.CharField(
        label="更正说明（公开）",
        max_length=500,
        required=False,
        help_text="第 2 版起必填，会在信息页的修订记录中公开",
    )

    def __init__(self, *args, agency, raw_html: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].widget = BodyEditor(raw_html=raw_html)
        self.fields["node"].queryset = CatalogueNode.objects.filter(agency=agency, is_active=True)
        self.fields["department"].queryset = Department.objects.filter(agency=agency, is_active=True)


class AttachmentForm(forms.Form):
    file = forms.FileField(label="上传附件", help_text="PDF、DOCX、XLSX、ODT、ODS 或图片；按文件内容识别类型")


class CorrectionForm(forms.Form):
    change_note = forms.CharField(
        label="更正说明（公开）",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="说明更正或修改了什么、为什么，将在信息页公开",
    )


class NodeForm(forms.Form):
    parent = forms.ModelChoiceField(
        label="上级事项", queryset=CatalogueNode.objects.none(), required=False, empty_label="（一级事项）"
    )
    name = forms.CharField(label="公开事项", max_length=100)
    code = forms.SlugField(label="代码", max_length=40, help_text="英文小写字母、数字或连字符")
    content = forms.CharField(label="公开内容", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    basis = forms.CharField(label="公开依据", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    time_limit = forms.CharField(label="公开时限", max_length=200, required=False)
    subject = forms.CharField(label="公开主体", max_length=200, required=False)
    channels = forms.CharField(label="公开渠道和载体", max_length=300, required=False)
    audience = forms.CharField(label="公开对象", max_length=100, required=False)
    mode = forms.CharField(label="公开方式", max_length=100, required=False)
    level = forms.CharField(label="公开层级", max_length=100, required=False)
    sort_order = forms.IntegerField(label="排序", min_value=0, max_value=32767, initial=0)
    is_active = forms.BooleanField(label="启用", required=False, initial=True)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = CatalogueNode.objects.filter(agency=agency, depth__lt=3)
