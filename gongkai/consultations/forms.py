from django import forms

from gongkai.accounts.models import Department

from .models import ArticleFinalState, Channel, Disposition

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


class CommentForm(forms.Form):
    """The public form: works without JavaScript; `website` is a honeypot hidden by CSS."""

    article = forms.TypedChoiceField(label="针对条文", coerce=int, required=False, empty_value=None)
    body = forms.CharField(
        label="意见内容",
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 5000}),
        max_length=5000,
        help_text="请写明修改建议和理由。网址、脚本等会以纯文本显示。",
    )
    name = forms.CharField(label="姓名或单位（可不填）", max_length=60, required=False)
    contact = forms.CharField(
        label="联系方式（可不填，不公开）",
        max_length=100,
        required=False,
        help_text="电话或电子邮箱，便于我们就意见与您沟通",
    )
    website = forms.CharField(
        label="请勿填写此项",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, articles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].choices = [("", "总体意见（不针对具体条文）")] + [
            (a.pk, a.label) for a in articles
        ]


class ConsultationForm(forms.Form):
    title = forms.CharField(label="草案名称", max_length=200)
    department = forms.ModelChoiceField(label="承办处室", queryset=Department.objects.none(), required=False)
    summary = forms.CharField(label="内容简介", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    basis = forms.CharField(
        label="决策依据",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="制定所依据的法律、法规、规章和政策",
    )
    explanation = forms.CharField(label="起草说明", widget=forms.Textarea(attrs={"rows": 5}), required=False)
    articles_text = forms.CharField(
        label="草案条文",
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        help_text="粘贴草案全文：以“第X条”开头的行开始新的一条",
    )
    is_major = forms.BooleanField(
        label="重大行政决策",
        required=False,
        help_text="征求意见期限一般不少于30日（《重大行政决策程序暂行条例》第十五条）",
    )
    opens_at = forms.DateTimeField(label="开始时间", widget=DATETIME, input_formats=DT_FORMATS)
    closes_at = forms.DateTimeField(label="截止时间", widget=DATETIME, input_formats=DT_FORMATS)
    is_urgent = forms.BooleanField(label="情况紧急，缩短期限", required=False)
    urgency_reason = forms.CharField(
        label="缩短期限的理由（公开）", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    email = forms.EmailField(label="接收意见的电子邮箱", required=False)
    postal_address = forms.CharField(label="接收信函的通信地址", max_length=200, required=False)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(agency=agency, is_active=True)
        from .services import ordinary_min_days

        self.fields[
            "closes_at"
        ].help_text = f"一般征求意见不少于 {ordinary_min_days()} 日（本机关规定）；更短的，须勾选“情况紧急”并填写公开的理由"


class AttachmentForm(forms.Form):
    file = forms.FileField(label="上传附件", help_text="PDF、DOCX、XLSX、ODT、ODS 或图片")


class RegisterCommentForm(forms.Form):
    channel = forms.ChoiceField(label="渠道", choices=[c for c in Channel.choices if c[0] != Channel.WEB])
    article = forms.TypedChoiceField(label="针对条文", coerce=int, required=False, empty_value=None)
    name = forms.CharField(label="姓名或单位", max_length=60, required=False)
    contact = forms.CharField(label="联系方式（不公开）", max_length=100, required=False)
    received_at = forms.DateTimeField(
        label="收到时间", widget=DATETIME, input_formats=DT_FORMATS, required=False
    )
    body = forms.CharField(label="意见内容", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)

    def __init__(self, *args, articles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].choices = [("", "总体意见")] + [(a.pk, a.label) for a in articles]


class HearingForm(forms.Form):
    held_at = forms.DateTimeField(label="召开时间", widget=DATETIME, input_formats=DT_FORMATS)
    place = forms.CharField(label="地点", max_length=200)
    notice = forms.CharField(label="听证公告", widget=forms.Textarea(attrs={"rows": 4}))
    selection_method = forms.CharField(
        label="听证参加人遴选办法", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    participants = forms.CharField(
        label="听证参加人名单（公开）",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="每行一人：姓名（单位或身份）",
    )
    materials_sent_on = forms.DateField(
        label="听证材料送达日期",
        widget=DATE,
        required=False,
        help_text="应于召开听证会7日前送达（《重大行政决策程序暂行条例》第十六条）",
    )
    minutes = forms.CharField(label="听证会记录", widget=forms.Textarea(attrs={"rows": 5}), required=False)


class DispositionForm(forms.Form):
    disposition = forms.ChoiceField(label="处理意见", choices=Disposition.choices)
    reason = forms.CharField(label="理由（公开）", widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)
    group_label = forms.CharField(label="同类意见归并名称（可不填）", max_length=100, required=False)
    changed_article = forms.TypedChoiceField(
        label="据此修改的条文", coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, articles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["changed_article"].choices = [("", "（未修改条文）")] + [
            (a.pk, a.label) for a in articles
        ]


class ReportForm(forms.Form):
    introduction = forms.CharField(
        label="说明（公开）",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="征求意见的基本情况，例如征求意见的时间、方式和总体采纳情况",
    )


class FinalTextForm(forms.Form):
    final_state = forms.ChoiceField(
        label="定稿情况", choices=[c for c in ArticleFinalState.choices if c[0] != ArticleFinalState.ADDED]
    )
    final_text = forms.CharField(label="定稿条文", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class DecisionForm(forms.Form):
    decision_title = forms.CharField(label="最终决策文件名称", max_length=200)
    decision_url = forms.CharField(
        label="最终决策网址", max_length=300, required=False, help_text="如本站政府信息的网址 /xxgk/items/…/"
    )
    decided_on = forms.DateField(label="决策日期", widget=DATE, required=False)


class HideForm(forms.Form):
    reason = forms.CharField(label="不予公开的理由", max_length=300)


class WindowForm(forms.Form):
    """Move the comment window (e.g. extend it); the Art. 15 rule is checked again by the service."""

    opens_at = forms.DateTimeField(label="开始时间", widget=DATETIME, input_formats=DT_FORMATS)
    closes_at = forms.DateTimeField(label="截止时间", widget=DATETIME, input_formats=DT_FORMATS)
    note = forms.CharField(
        label="调整说明",
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        max_length=500,
        help_text="如“应社会各界要求，征求意见截止时间延长至……”，记入办理记录",
    )
