from django import forms

from gongkai.accounts.selectors import departments_of

from .models import FindingSource, Misconduct, Source

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MultiFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiFileField(forms.FileField):
    widget = MultiFileInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultiFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class TaskForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    title = forms.CharField(label="任务名称", max_length=200)
    target = forms.CharField(label="工作目标", widget=forms.Textarea(attrs={"rows": 3}))
    department = forms.ModelChoiceField(label="牵头处室", queryset=None)
    co_departments = forms.ModelMultipleChoiceField(
        label="配合处室", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    lead = forms.CharField(label="责任领导", max_length=60, required=False)
    source = forms.ChoiceField(label="任务来源", choices=Source.choices)
    source_title = forms.CharField(label="来源文件", max_length=200, required=False)
    source_url = forms.URLField(label="来源文件链接", max_length=500, required=False)
    source_excerpt = forms.CharField(
        label="来源原文", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    weight = forms.IntegerField(label="任务权重（1-100）", min_value=1, max_value=100, initial=1)
    due_on = forms.DateField(label="完成时限", widget=DATE)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments_of(agency)
        self.fields["co_departments"].queryset = departments_of(agency)


class MilestoneForm(forms.Form):
    title = forms.CharField(label="节点名称", max_length=200)
    due_on = forms.DateField(label="计划完成日期", widget=DATE)
    weight = forms.IntegerField(label="权重（1-100）", min_value=1, max_value=100, initial=1)
    position = forms.IntegerField(label="序号", min_value=0, max_value=999, initial=0, required=False)


class ProgressForm(forms.Form):
    milestone = forms.TypedChoiceField(label="对应节点", coerce=int, required=False, empty_value=None)
    reported_on = forms.DateField(label="进展日期", widget=DATE)
    percent = forms.IntegerField(
        label="完成比例（%）", min_value=0, max_value=100, help_text="100 表示该节点已完成"
    )
    text = forms.CharField(label="进展情况", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    evidence = MultiFileField(
        label="佐证材料",
        required=False,
        help_text="可选多个文件；发布前经保密审查（PDF、Word、Excel、图片等）",
    )

    def __init__(self, *args, milestones=(), **kwargs):
        super().__init__(*args, **kwargs)
        if milestones:
            self.fields["milestone"].choices = [("", "（请选择）")] + [
                (m.pk, f"{m.title}（{m.due_on:%Y-%m-%d}，权重 {m.weight}）") for m in milestones
            ]
        else:
            del self.fields["milestone"]
            self.fields["percent"].help_text = "本任务未设节点：填写整个任务的完成比例"


class FindingForm(forms.Form):
    source = forms.ChoiceField(label="督查来源", choices=FindingSource.choices)
    department = forms.ModelChoiceField(label="整改责任处室", queryset=None)
    task = forms.ModelChoiceField(label="相关重点任务", queryset=None, required=False)
    title = forms.CharField(label="问题概述", max_length=200)
    description = forms.CharField(label="问题描述", widget=forms.Textarea(attrs={"rows": 4}))
    found_on = forms.DateField(label="发现日期", widget=DATE)
    rectify_by = forms.DateField(label="整改期限", widget=DATE)

    def __init__(self, *args, agency, **kwargs):
        from .models import KeyTask

        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments_of(agency)
        self.fields["task"].queryset = KeyTask.objects.filter(agency=agency)


class RectificationForm(forms.Form):
    measures = forms.CharField(label="整改措施", widget=forms.Textarea(attrs={"rows": 3}))
    result = forms.CharField(label="整改结果", widget=forms.Textarea(attrs={"rows": 3}))
    completed_on = forms.DateField(label="整改完成日期", widget=DATE)
    evidence = forms.FileField(label="佐证材料", required=False)


class DecisionForm(forms.Form):
    note = forms.CharField(label="确认意见", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class NoticeForm(forms.Form):
    kind = forms.ChoiceField(label="问题类型", choices=Misconduct.choices)
    department = forms.ModelChoiceField(label="承办处室", queryset=None)
    finding = forms.ModelChoiceField(label="源于督查问题", queryset=None, required=False)
    title = forms.CharField(label="通报标题", max_length=200)
    facts = forms.CharField(label="基本案情", widget=forms.Textarea(attrs={"rows": 4}))
    handling = forms.CharField(label="处理结果", widget=forms.Textarea(attrs={"rows": 3}))
    notified_on = forms.DateField(label="通报日期", widget=DATE)
    persons = forms.CharField(
        label="涉及人员姓名（不公开）",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="每行一个；保存时通报文本中的这些姓名按规则隐名为“姓+某”",
    )

    def __init__(self, *args, agency, **kwargs):
        from .models import Finding

        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments_of(agency)
        self.fields["finding"].queryset = Finding.objects.filter(agency=agency)
