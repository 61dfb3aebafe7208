from django import forms

from gongkai.accounts.models import Department, User

from .models import Severity, Source

DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class IncidentForm(forms.Form):
    title = forms.CharField(label="舆情标题", max_length=200)
    source = forms.ChoiceField(label="来源", choices=[("", "请选择")] + Source.choices)
    link = forms.URLField(label="原始链接", max_length=500, required=False, assume_scheme="https")
    first_seen_at = forms.DateTimeField(
        label="发现时间", widget=DT, help_text="所有时限从发现时起按小时计算，不因夜间、周末和节假日暂停"
    )
    summary = forms.CharField(label="舆情概要", widget=forms.Textarea(attrs={"rows": 4}), max_length=20000)
    topic = forms.CharField(label="涉及主题", max_length=100, required=False)
    severity = forms.ChoiceField(label="级别", choices=[("", "请选择")] + Severity.choices)
    severity_reason = forms.CharField(
        label="定级理由", widget=forms.Textarea(attrs={"rows": 2}), max_length=20000
    )
    departments = forms.ModelMultipleChoiceField(
        label="责任处室", queryset=Department.objects.none(), required=False
    )
    leader = forms.ModelChoiceField(label="分管领导", queryset=User.objects.none(), required=False)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        from gongkai.accounts.roles import Role
        from gongkai.accounts.selectors import departments_of, staff_with_role

        self.fields["departments"].queryset = departments_of(agency)
        self.fields["leader"].queryset = staff_with_role(agency, Role.APPROVER)


class ReleaseForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200)
    body = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 8}), max_length=20000)


class CorrectionForm(ReleaseForm):
    correction_reason = forms.CharField(
        label="更正理由", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class SeverityForm(forms.Form):
    severity = forms.ChoiceField(label="新级别", choices=Severity.choices)
    reason = forms.CharField(label="调整理由", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class PressConferenceForm(forms.Form):
    held_at = forms.DateTimeField(label="发布会时间", widget=DT)
    note = forms.CharField(label="说明", max_length=300, required=False)


class CloseForm(forms.Form):
    summary = forms.CharField(label="处置总结", widget=forms.Textarea(attrs={"rows": 3}), max_length=20000)


class UrgentForm(forms.Form):
    reason = forms.CharField(label="紧急发布理由", max_length=2000)
