from django import forms

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class QuestionForm(forms.Form):
    body = forms.CharField(
        label="您的问题", widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}), max_length=1000
    )
    name = forms.CharField(label="昵称（可不填）", max_length=40, required=False)


class InterviewForm(forms.Form):
    title = forms.CharField(label="访谈主题", max_length=200)
    announcement = forms.CharField(label="访谈预告", widget=forms.Textarea(attrs={"rows": 4}))
    guests = forms.CharField(
        label="访谈嘉宾", widget=forms.Textarea(attrs={"rows": 3}), help_text="每行一位：姓名（职务）"
    )
    starts_at = forms.DateTimeField(label="开始时间", widget=DATETIME, input_formats=DT_FORMATS)
    ends_at = forms.DateTimeField(label="结束时间", widget=DATETIME, input_formats=DT_FORMATS)
    interpretation = forms.ModelChoiceField(label="相关政策解读", queryset=None, required=False)
    publish = forms.BooleanField(label="发布访谈预告", required=False)

    def __init__(self, *args, agency, **kwargs):
        from gongkai.interpretations.models import Interpretation

        super().__init__(*args, **kwargs)
        self.fields["interpretation"].queryset = Interpretation.objects.filter(agency=agency)


class EntryForm(forms.Form):
    speaker = forms.CharField(label="发言人", max_length=60)
    text = forms.CharField(label="内容", widget=forms.Textarea(attrs={"rows": 3}))
    question = forms.TypedChoiceField(label="回答网友问题", coerce=int, required=False, empty_value=None)

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].choices = [("", "（不是回答网友问题）")] + [
            (q.pk, q.body[:40]) for q in questions
        ]
