from django import forms

from .models import ChangeKind, Decision, DiscretionBenchmark, EnforcementBody, InspectionItem, Officer


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = (
            "kind",
            "document_number",
            "title",
            "department",
            "party_type",
            "party_name",
            "party_id_number",
            "facts",
            "basis",
            "outcome",
            "fine_amount",
            "decided_on",
        )
        widgets = {"decided_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agency is not None:
            self.fields["department"].queryset = self.fields["department"].queryset.filter(agency=agency)


class ChangeForm(forms.Form):
    change_kind = forms.ChoiceField(label="变更情形", choices=ChangeKind.choices)
    changed_on = forms.DateField(
        label="变更、撤销或确认无效日期", widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(
        label="撤回理由（将向公众公开）", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


REFERENCE_FORMS = {}


def _reference(kind, model_, fields_, label):
    meta = type(
        "Meta",
        (),
        {
            "model": model_,
            "fields": fields_,
            "widgets": {"valid_until": forms.DateInput(attrs={"type": "date"})},
        },
    )
    REFERENCE_FORMS[kind] = (type(f"{model_.__name__}Form", (forms.ModelForm,), {"Meta": meta}), label)


_reference(
    "body", EnforcementBody, ("name", "scope", "address", "phone", "flow_steps", "sort_order"), "执法主体"
)
_reference(
    "benchmark",
    DiscretionBenchmark,
    ("violation", "basis", "circumstance", "min_fine", "max_fine", "other_measures", "sort_order"),
    "裁量基准",
)
_reference(
    "inspection_item", InspectionItem, ("name", "subject", "basis", "method", "sort_order"), "随机抽查事项"
)
_reference(
    "officer",
    Officer,
    ("name", "certificate_number", "department", "area", "issued_by", "valid_until", "active"),
    "执法人员",
)


class InspectionForm(forms.Form):
    item = forms.ModelChoiceField(label="抽查事项", queryset=InspectionItem.objects.none())
    title = forms.CharField(label="抽查任务名称", max_length=200)
    objects = forms.CharField(label="检查对象名录库（每行一个）", widget=forms.Textarea(attrs={"rows": 6}))
    inspectors = forms.CharField(
        label="执法检查人员名录库（每行一人）", widget=forms.Textarea(attrs={"rows": 4})
    )
    object_count = forms.IntegerField(label="抽取对象数", min_value=1, max_value=10000)
    inspector_count = forms.IntegerField(label="抽取检查人员数", min_value=1, max_value=1000)

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = InspectionItem.objects.filter(agency=agency)


class CompleteForm(forms.Form):
    completed_on = forms.DateField(label="检查完成日期", widget=forms.DateInput(attrs={"type": "date"}))
    results = forms.CharField(label="检查结果", widget=forms.Textarea(attrs={"rows": 5}))


class ListingForm(forms.Form):
    enterprise_name = forms.CharField(label="企业名称", max_length=200)
    credit_code = forms.CharField(label="统一社会信用代码", max_length=18)
    decision_number = forms.CharField(label="认定文书号", max_length=100)
    decided_on = forms.DateField(label="认定日期", widget=forms.DateInput(attrs={"type": "date"}))
    facts = forms.CharField(label="失信行为", widget=forms.Textarea(attrs={"rows": 3}))
    basis = forms.CharField(label="认定依据", widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
