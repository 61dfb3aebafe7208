from django import forms

from gongkai.accounts.models import Department

from .measures import MEASURES
from .models import Period


class SchemeForm(forms.Form):
    openness_share = forms.DecimalField(
        label="政务公开占单位绩效考核的比重（%）",
        max_digits=5,
        decimal_places=2,
        help_text="不得低于 4%（六(二)）。",
    )
    period = forms.ChoiceField(label="考核周期", choices=Period.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for m in MEASURES:
            self.fields[f"weight_{m.code}"] = forms.DecimalField(
                label=f"{m.label}：分值", min_value=0, max_digits=6, decimal_places=2, help_text=m.rule
            )
            self.fields[f"target_{m.code}"] = forms.DecimalField(
                label=f"{m.label}：达标线（%）", min_value=0, max_value=100, max_digits=5, decimal_places=2
            )

    def to_service(self) -> dict:
        data = self.cleaned_data
        return {
            "openness_share": data["openness_share"],
            "period": data["period"],
            "weights": {m.code: data[f"weight_{m.code}"] for m in MEASURES},
            "targets": {m.code: data[f"target_{m.code}"] for m in MEASURES},
        }


class DeductionForm(forms.Form):
    department = forms.ModelChoiceField(
        label="处室", queryset=Department.objects.none(), required=False, empty_label="全局（不落到处室）"
    )
    found_on = forms.DateField(label="发现日期", widget=forms.DateInput(attrs={"type": "date"}))
    points = forms.DecimalField(label="扣分", max_digits=5, decimal_places=2)
    reason = forms.CharField(label="扣分事由", max_length=300)
    evidence = forms.CharField(
        label="证据", widget=forms.Textarea(attrs={"rows": 4}), help_text="网址、截图说明或记录编号。"
    )

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(agency=agency)
