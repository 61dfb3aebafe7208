from django import forms
from django.utils import timezone

from .services import REASON_MAX


class PassReviewForm(forms.Form):
    note = forms.CharField(
        label="审查意见",
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="可不填",
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="退回理由",
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请填写退回理由。"},
        help_text="承办人将看到此理由",
    )


class ApproveForm(forms.Form):
    """Two buttons: 批准发布 (mode=now) and 定时发布 (mode=schedule, needs publish_at)."""

    publish_at = forms.DateTimeField(
        label="定时发布时间",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        error_messages={"invalid": "请输入正确的日期和时间，如 2025-06-01 09:00。"},
        help_text="仅“定时发布”时填写（北京时间）",
    )
    mode = forms.ChoiceField(
        choices=[("now", "批准发布"), ("schedule", "定时发布")], widget=forms.HiddenInput, required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("mode") == "schedule":
            publish_at = data.get("publish_at")
            if publish_at is None and "publish_at" not in self.errors:
                self.add_error("publish_at", "定时发布须填写发布时间。")
            elif publish_at is not None and publish_at <= timezone.now():
                self.add_error("publish_at", "定时发布时间须晚于当前时间。")
        else:
            data["publish_at"] = None
        return data


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="撤回理由（将向公众公开）",
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写撤回理由，该理由将向公众公开。"},
    )


class SubstituteApproverForm(forms.Form):
    """指定代理审批人: one of the agency's staff who may enter the office (issue 11.16)."""

    user = forms.ModelChoiceField(
        label="代理审批人",
        queryset=None,
        empty_label="请选择",
        error_messages={"required": "请选择代理审批人。", "invalid_choice": "请选择本机关在职的工作人员。"},
    )
    reason = forms.CharField(
        label="指定理由",
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请填写指定理由。"},
        help_text="如：分管领导本人起草、休假或岗位空缺；记入审计日志",
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff
