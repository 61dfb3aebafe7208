from django import forms

from gongkai.accounts.models import Department

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class ElementsForm(forms.Form):
    basis = forms.CharField(label="设定依据", required=False, widget=TEXTAREA, help_text="法律法规名称及条款")
    conditions = forms.CharField(label="受理条件", required=False, widget=TEXTAREA)
    process = forms.CharField(
        label="办理流程（每行一步）", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    statutory_days = forms.IntegerField(
        label="法定时限（工作日）", required=False, min_value=0, max_value=365
    )
    promised_days = forms.IntegerField(label="承诺时限（工作日）", required=False, min_value=0, max_value=365)
    fee_free = forms.BooleanField(label="不收费", required=False)
    fee_standard = forms.CharField(label="收费标准", required=False, widget=TEXTAREA)
    fee_basis = forms.CharField(label="收费依据", required=False, widget=TEXTAREA)
    location = forms.CharField(label="办理地点", required=False, max_length=300)
    hours = forms.CharField(label="办理时间", required=False, max_length=300)
    phone = forms.CharField(label="咨询电话", required=False, max_length=100)
    complaint = forms.CharField(label="投诉渠道", required=False, max_length=300)
    delivery = forms.CharField(label="结果送达", required=False, max_length=300)


class NewGuideForm(ElementsForm):
    code = forms.CharField(label="事项编码", max_length=40)
    name = forms.CharField(label="事项名称", max_length=200)
    department = forms.ModelChoiceField(label="承办处室", queryset=Department.objects.none(), required=False)

    field_order = ["code", "name", "department"]

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(agency=agency)


class RevisionForm(forms.Form):
    change_note = forms.CharField(label="修订说明", widget=TEXTAREA, max_length=2000)


class MaterialForm(forms.Form):
    name = forms.CharField(label="材料名称", max_length=200)
    form = forms.CharField(
        label="材料形式", max_length=50, initial="原件", help_text="原件、复印件、电子材料等"
    )
    copies = forms.IntegerField(label="份数", min_value=1, max_value=99, initial=1)
    note = forms.CharField(label="说明", max_length=300, required=False)


class FileForm(forms.Form):
    which = forms.ChoiceField(label="文件类型", choices=(("blank_form", "空白表格"), ("sample", "示范文本")))
    file = forms.FileField(label="文件")


class ReplyForm(forms.Form):
    reply = forms.CharField(label="处理情况", widget=TEXTAREA, max_length=2000)


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label="这份指南是否清楚易懂？",
        coerce=int,
        widget=forms.RadioSelect,
        choices=[(5, "非常清楚"), (4, "清楚"), (3, "一般"), (2, "不太清楚"), (1, "看不懂")],
    )


class ErrorReportForm(forms.Form):
    body = forms.CharField(label="指南中的错误", widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)
    contact = forms.CharField(label="联系方式（选填）", max_length=100, required=False)
