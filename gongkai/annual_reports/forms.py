"""Office forms of the annual report. Services validate again; these keep what was typed."""

from django import forms

from .models import AnnualReport
from .services import COUNT_FIELDS, COUNT_MAX, TEXT_FIELDS, YEAR_MAX, YEAR_MIN

NUMBER_ERRORS = {
    "invalid": "请填写整数。",
    "min_value": "不能小于 %(limit_value)s。",
    "max_value": "不能大于 %(limit_value)s。",
}
TEXT_HELP = {
    "overview": "概述本年度政务公开工作的总体情况（主动公开、依申请公开、政府信息管理、平台建设、监督保障等）；"
    "新建时已按本年度记录起草。",
    "proactive_note": "可选：表二之前的文字说明。",
    "problems": "存在的主要问题及改进情况（含上一年度问题的整改情况）；草稿列出本年度网站自查不合格指标和未达标的考核项。",
    "other_matters": "依据《政府信息公开信息处理费管理办法》收取信息处理费的情况，以及其他需要报告的事项。",
}


class CreateForm(forms.Form):
    year = forms.IntegerField(
        label="报告年度",
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        error_messages={**NUMBER_ERRORS, "required": "请填写报告年度。"},
        help_text="报告所反映的年度；报告应于次年1月31日前发布（《条例》第四十九条）。",
    )


class ReportForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in TEXT_FIELDS:
            self.fields[name] = forms.CharField(
                label=AnnualReport._meta.get_field(name).verbose_name,
                required=False,
                widget=forms.Textarea(attrs={"rows": 8}),
                help_text=TEXT_HELP[name],
            )
        for name in COUNT_FIELDS:
            self.fields[name] = forms.IntegerField(
                label=AnnualReport._meta.get_field(name).verbose_name,
                required=False,
                min_value=0,
                max_value=COUNT_MAX,
                error_messages=NUMBER_ERRORS,
            )
        self.fields["fees_amount"] = forms.DecimalField(
            label=AnnualReport._meta.get_field("fees_amount").verbose_name,
            required=False,
            min_value=0,
            max_digits=12,
            decimal_places=4,
            error_messages={
                **NUMBER_ERRORS,
                "invalid": "请填写金额（万元），例如 0 或 1.25。",
                "max_decimal_places": "最多保留四位小数（即精确到元）。",
                "max_digits": "金额过大。",
                "max_whole_digits": "金额过大。",
            },
        )
        for name in ("rules_issued", "rules_repealed", "rules_in_force"):
            self.fields[name].help_text = "本系统不保存规章；本机关无规章制定权的填 0。"
