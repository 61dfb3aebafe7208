from django import forms

from gongkai.accounts.models import Department
from gongkai.catalogue.models import InformationItem

from .models import Form


class InterpretationForm(forms.Form):
    policy = forms.ModelChoiceField(
        label="所解读的政策文件",
        queryset=InformationItem.objects.none(),
        help_text="按索引号和标题选择；标注了“需要政策解读”的文件排在前面",
    )
    form = forms.ChoiceField(label="解读形式", choices=Form.choices)
    title = forms.CharField(label="标题", max_length=200, help_text="如：《……》政策解读")
    department = forms.ModelChoiceField(
        label="解读责任处室",
        queryset=Department.objects.none(),
        required=False,
        help_text="谁起草、谁解读：默认为政策文件的起草处室",
    )
    summary = forms.CharField(label="摘要", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    body = forms.CharField(
        label="正文",
        widget=forms.Textarea(attrs={"rows": 12}),
        required=False,
        help_text="文字解读必填；其他形式可作导语。可使用段落、标题、列表等简单 HTML",
    )
    image_alt = forms.CharField(
        label="图解文字说明",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text="图解必填：用文字完整说明图中的内容，供视障读者和无法加载图片时使用",
    )
    media_url = forms.URLField(
        label="音视频地址", max_length=500, required=False, help_text="音视频解读：填写地址或在保存后上传文件"
    )
    transcript = forms.CharField(
        label="文字实录", widget=forms.Textarea(attrs={"rows": 8}), required=False, help_text="音视频解读必填"
    )
    interview_url = forms.URLField(label="在线访谈地址", max_length=500, required=False)

    def __init__(self, *args, agency, policies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["policy"].queryset = policies
        self.fields["policy"].label_from_instance = _policy_label
        self.fields["department"].queryset = Department.objects.filter(agency=agency, is_active=True)

    def clean(self):
        data = super().clean()
        form = data.get("form")
        if form == Form.GRAPHIC and not (data.get("image_alt") or "").strip():
            self.add_error("image_alt", "图解必须填写文字说明（供无法看到图片的读者使用）。")
        if form == Form.MEDIA and not (data.get("transcript") or "").strip():
            self.add_error("transcript", "音视频解读必须提供文字实录。")
        return data


def _policy_label(item) -> str:
    revision = item.current_revision or item.revisions.order_by("-number").first()
    return f"{item.index_number} {revision.title if revision else ''}"


class QAPairForm(forms.Form):
    question = forms.CharField(label="问", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    answer = forms.CharField(label="答", widget=forms.Textarea(attrs={"rows": 3}), required=False)


QAFormSet = forms.formset_factory(QAPairForm, extra=3, max_num=100)


class FileForm(forms.Form):
    file = forms.FileField(label="文件")


class WaiverForm(forms.Form):
    reason = forms.CharField(
        label="不同步解读的理由",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="将记入审计日志。登记后该版本可以不附解读发布；之后补充的解读按“政策发布后解读”统计",
    )
