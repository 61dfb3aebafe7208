from django import forms

from gongkai.accounts.selectors import departments_of

from .models import EvaluationKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _AgencyForm(forms.Form):
    department = forms.ModelChoiceField(label="承办处室", queryset=None)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.fields["department"].queryset = departments_of(agency)
        for field in self.fields.values():
            model = getattr(field, "_model", None)
            if model is not None:
                field.queryset = model.objects.filter(agency=agency)


def _choice(model_path: str, label: str, *, multiple=False):
    from django.apps import apps

    model = apps.get_model(model_path)
    cls = forms.ModelMultipleChoiceField if multiple else forms.ModelChoiceField
    kwargs = {"widget": forms.CheckboxSelectMultiple} if multiple else {}
    field = cls(label=label, queryset=model.objects.none(), required=False, **kwargs)
    field._model = model
    return field


class PlanForm(_AgencyForm):
    title = forms.CharField(label="规划名称", max_length=200)
    start_year = forms.IntegerField(label="起始年度", min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label="终止年度", min_value=2000, max_value=2100)
    summary = forms.CharField(label="规划概要", widget=forms.Textarea(attrs={"rows": 4}))
    document_url = forms.URLField(label="规划文本链接", required=False)
    indicators = forms.CharField(
        label="主要指标",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="每行一个：名称|单位|基期值|目标值|属性（预期性或约束性）",
    )


class WorkReportForm(_AgencyForm):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    title = forms.CharField(label="报告名称", max_length=200)
    url = forms.URLField(label="报告链接", required=False)


class BreakDownForm(_AgencyForm):
    task_title = forms.CharField(label="任务名称", max_length=200)
    excerpt = forms.CharField(label="报告原文", widget=forms.Textarea(attrs={"rows": 2}))
    target = forms.CharField(label="工作目标", widget=forms.Textarea(attrs={"rows": 2}))
    due_on = forms.DateField(label="完成时限", widget=DATE)


class ProjectForm(_AgencyForm):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    title = forms.CharField(label="项目名称", max_length=200)
    description = forms.CharField(label="项目内容", widget=forms.Textarea(attrs={"rows": 3}))
    budget = forms.DecimalField(label="预算（万元）", min_value=0, max_digits=12, decimal_places=2)
    location = forms.CharField(label="实施地点", max_length=200)
    starts_on = forms.DateField(label="计划开工", widget=DATE)
    due_on = forms.DateField(label="计划完成", widget=DATE)
    completed_on = forms.DateField(label="实际完成", widget=DATE, required=False)
    outcome = forms.CharField(label="完成情况", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    key_task = _choice("key_tasks.KeyTask", "对应重点任务")


class DecisionForm(_AgencyForm):
    title = forms.CharField(label="决策事项", max_length=200)
    decided_on = forms.DateField(label="决策日期", widget=DATE)
    document_title = forms.CharField(label="决策文件", max_length=200)
    document_url = forms.URLField(label="决策文件链接", required=False)
    summary = forms.CharField(label="决策内容", widget=forms.Textarea(attrs={"rows": 3}))
    consultation = _choice("consultations.Consultation", "决策前的征求意见")
    key_tasks = _choice("key_tasks.KeyTask", "执行任务", multiple=True)


class EvaluationForm(_AgencyForm):
    kind = forms.ChoiceField(label="评估类型", choices=EvaluationKind.choices)
    title = forms.CharField(label="评估名称", max_length=200)
    evaluator = forms.CharField(label="评估主体", max_length=120)
    evaluated_on = forms.DateField(label="评估日期", widget=DATE)
    conclusion = forms.CharField(label="评估结论", widget=forms.Textarea(attrs={"rows": 3}))
    response = forms.CharField(
        label="机关回应及改进措施", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    plan = _choice("results.Plan", "评估的规划")
    project = _choice("results.Project", "评估的为民办实事项目")
    decision = _choice("results.Decision", "评估的重大决策")
    key_task = _choice("key_tasks.KeyTask", "评估的重点任务")
    survey = _choice("surveys.Survey", "依据的公众调查")
