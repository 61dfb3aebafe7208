from django import forms

from gongkai.accounts.selectors import departments_of

from .models import IdentityRule, QuestionKind

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class SurveyForm(forms.Form):
    title = forms.CharField(label="调查名称", max_length=200)
    introduction = forms.CharField(label="调查说明", widget=forms.Textarea(attrs={"rows": 4}))
    department = forms.ModelChoiceField(label="承办处室", queryset=None)
    opens_at = forms.DateTimeField(label="开始时间（精确到分钟）", widget=DATETIME, input_formats=DT_FORMATS)
    closes_at = forms.DateTimeField(label="截止时间（精确到分钟）", widget=DATETIME, input_formats=DT_FORMATS)
    identity_rule = forms.ChoiceField(label="每人一次的判定规则", choices=IdentityRule.choices)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments_of(agency)


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label="题型", choices=QuestionKind.choices)
    text = forms.CharField(label="题目", max_length=300)
    options = forms.CharField(
        label="选项（每行一个；矩阵题为列）", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    rows = forms.CharField(
        label="矩阵题的评价项目（每行一个）", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    scale_min = forms.IntegerField(label="量表最小值", min_value=0, max_value=10, initial=1)
    scale_max = forms.IntegerField(label="量表最大值", min_value=1, max_value=10, initial=5)
    scale_labels = forms.CharField(label="量表两端说明（如：很不满意/很满意）", max_length=60, required=False)
    required = forms.BooleanField(label="必答", required=False, initial=True)
    position = forms.IntegerField(label="序号", min_value=0, max_value=999, initial=0)


class ResultForm(forms.Form):
    introduction = forms.CharField(label="结果说明", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class AnswerForm(forms.Form):
    """The questionnaire as a form; every field optional here — the service names what is missing."""

    def __init__(self, *args, questions, verify_email: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.code_sent = False
        if verify_email:  # one answer per e-mail address, proven by a code sent to it
            self.fields["email"] = forms.CharField(
                label="电子邮箱（用于接收验证码，每个邮箱只能提交一次）", max_length=254, required=False
            )
            self.fields["code"] = forms.CharField(label="邮件验证码", max_length=6, required=False)
        for n, q in enumerate(self.questions, start=1):
            label = f"{n}. {q.text}{'（必答）' if q.required else ''}"
            name = f"q{q.pk}"
            if q.kind == QuestionKind.SINGLE:
                self.fields[name] = forms.TypedChoiceField(
                    label=label,
                    choices=list(enumerate(q.option_list)),
                    coerce=int,
                    required=False,
                    widget=forms.RadioSelect,
                )
            elif q.kind == QuestionKind.MULTIPLE:
                self.fields[name] = forms.TypedMultipleChoiceField(
                    label=label + "（可多选）",
                    choices=list(enumerate(q.option_list)),
                    coerce=int,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                )
            elif q.kind == QuestionKind.SCALE:
                ends = q.scale_labels.split("/") if "/" in q.scale_labels else []
                choices = [
                    (
                        v,
                        f"{v}{'（' + ends[0] + '）' if ends and v == q.scale_min else ''}{'（' + ends[-1] + '）' if ends and v == q.scale_max else ''}",
                    )
                    for v in q.scale_values
                ]
                self.fields[name] = forms.TypedChoiceField(
                    label=label,
                    choices=choices,
                    coerce=int,
                    required=False,
                    widget=forms.RadioSelect(attrs={"class": "scale"}),
                )
            elif q.kind == QuestionKind.MATRIX:
                for r, row in enumerate(q.row_list):
                    self.fields[f"{name}_r{r}"] = forms.TypedChoiceField(
                        label=f"{label} — {row}",
                        choices=list(enumerate(q.option_list)),
                        coerce=int,
                        required=False,
                        widget=forms.RadioSelect(attrs={"class": "matrix-row"}),
                    )
            else:
                self.fields[name] = forms.CharField(
                    label=label + "（经审核后可能在调查结果中公开，请勿填写个人信息）",
                    widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
                    required=False,
                    max_length=1000,
                )

    def answers(self) -> dict:
        data = self.cleaned_data
        out: dict = {}
        for q in self.questions:
            name = f"q{q.pk}"
            if q.kind == QuestionKind.MATRIX:
                out[q.pk] = {
                    r: data[f"{name}_r{r}"]
                    for r in range(len(q.row_list))
                    if data.get(f"{name}_r{r}") not in (None, "")
                }
            else:
                out[q.pk] = data.get(name)
        return out
