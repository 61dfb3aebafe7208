from django import forms

from .models import Entry

DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class SpokespersonForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=50)
    position = forms.CharField(label="职务", max_length=100)
    phone = forms.CharField(label="联系电话", max_length=40, required=False)
    email = forms.EmailField(label="电子邮箱", required=False)
    is_active = forms.BooleanField(label="在任", required=False, initial=True)
    sort_order = forms.IntegerField(label="排序", min_value=0, max_value=999, initial=0)


class ConferenceForm(forms.Form):
    title = forms.CharField(label="发布会名称", max_length=200)
    topic = forms.CharField(label="发布内容", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    starts_at = forms.DateTimeField(label="开始时间", widget=DT)
    ends_at = forms.DateTimeField(label="结束时间", widget=DT)
    location = forms.CharField(label="地点", max_length=200)
    speakers = forms.CharField(
        label="发布人",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text="每行一人：姓名（职务）",
    )
    registration_open = forms.BooleanField(label="接受媒体报名", required=False, initial=True)
    incident = forms.ModelChoiceField(
        label="回应的舆情",
        queryset=None,
        required=False,
        help_text="举行后即满足该舆情 24 小时内举行新闻发布会的时限",
    )
    data_release = forms.ModelChoiceField(label="相关数据发布", queryset=None, required=False)
    interpretation = forms.ModelChoiceField(label="相关政策解读", queryset=None, required=False)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        from gongkai.incidents.models import Incident
        from gongkai.interpretations.models import Interpretation
        from gongkai.opendata.models import Release

        self.fields["incident"].queryset = Incident.objects.filter(agency=agency)
        self.fields["data_release"].queryset = Release.objects.filter(agency=agency).order_by("-scheduled_at")
        self.fields["interpretation"].queryset = Interpretation.objects.filter(agency=agency)


class EntryForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=Entry.Kind.choices)
    speaker = forms.CharField(label="发言人", max_length=100)
    outlet = forms.CharField(label="媒体（提问时）", max_length=100, required=False)
    text = forms.CharField(label="内容", widget=forms.Textarea(attrs={"rows": 3}), max_length=10000)


class AttachmentForm(forms.Form):
    title = forms.CharField(label="附件名称", max_length=200)
    file = forms.FileField(label="文件")


class RegistrationForm(forms.Form):
    outlet = forms.CharField(label="媒体名称", max_length=100)
    reporter = forms.CharField(label="记者姓名", max_length=50)
    press_card = forms.CharField(label="记者证号", max_length=40, required=False)
    phone = forms.CharField(label="联系电话", max_length=30)


class MediaRequestForm(forms.Form):
    outlet = forms.CharField(label="媒体名称", max_length=100)
    reporter = forms.CharField(label="记者姓名", max_length=50)
    phone = forms.CharField(label="联系电话", max_length=30)
    email = forms.EmailField(label="电子邮箱", required=False, help_text="填写后，答复会同时发送到此邮箱")
    topic = forms.CharField(label="采访主题", max_length=200)
    detail = forms.CharField(label="采访提纲", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)


class AnswerForm(forms.Form):
    accept = forms.TypedChoiceField(
        label="答复",
        choices=[("1", "同意采访"), ("0", "不安排采访")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label="答复内容或理由", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
