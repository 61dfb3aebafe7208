"""Forms of the self-inspection screens. They only parse; the rules live in rules.py and services.py,
whose Chinese messages are shown beside the field (`DomainError.show_on`)."""

from django import forms

from .rules import ARTICLES, Decision, ReviewOutcome

ARTICLE_CHOICES = [("", "（继续不公开时必选）")] + [(a.code, a.label) for a in ARTICLES]


class CampaignForm(forms.Form):
    year = forms.IntegerField(
        label="自查年度",
        error_messages={"required": "请填写自查年度。", "invalid": "请填写四位数的年度，如 2025。"},
        help_text="通常在次年年初对上一年度进行自查；每个年度只能发起一次。",
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="自查决定",
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择自查决定。", "invalid_choice": "请选择有效的自查决定。"},
    )
    article = forms.ChoiceField(
        label="继续不公开的依据条款",
        choices=ARTICLE_CHOICES,
        required=False,
        error_messages={"invalid_choice": "请从列表中选择依据条款。"},
    )
    item_reference = forms.CharField(
        label="已公开信息的索引号",
        required=False,
        max_length=60,
        help_text="选择“已公开”时填写，如 350100TJJ/2025-00012。",
    )
    reason = forms.CharField(
        label="决定理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "请填写决定理由。"},
    )


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label="审查结果",
        choices=ReviewOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择审查结果。", "invalid_choice": "请选择有效的审查结果。"},
    )
    reason = forms.CharField(
        label="审查理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "请填写审查理由。"},
    )
    matter = forms.CharField(
        label="修改后的事项", required=False, max_length=200, help_text="选择“修改”时填写。"
    )
    legal_basis = forms.CharField(label="修改后的法律依据", required=False, max_length=300)
    terms = forms.CharField(
        label="修改后的检查用词语",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="每行一个词语。",
    )


class CloseForm(forms.Form):
    conclusion = forms.CharField(
        label="自查整改情况",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": "请填写自查整改情况。"},
        help_text="写入报送市政府办公厅的自查报告“自查整改情况”一节。",
    )
