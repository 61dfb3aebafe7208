from django import forms

from .models import SpecialDay
from .schedule import parse_date
from .statutory import MAX_YEAR, MIN_YEAR

MAX_DAYS = 1000  # no legal period comes near this; it stops a typo from counting for years


class ChineseDateField(forms.CharField):
    """YYYY-MM-DD typed or picked; a bad date gets a Chinese message and keeps what was typed."""

    widget = forms.DateInput(attrs={"type": "date"})

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            day = parse_date(value)
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid")
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            raise forms.ValidationError(f"只能计算 {MIN_YEAR}—{MAX_YEAR} 年的日期。", code="out_of_range")
        return day


class CalculatorForm(forms.Form):
    start = ChineseDateField(
        label="起算日",
        help_text="例如收到申请之日；期限从次日起算（民法典第二百零一条）。",
        error_messages={"required": "请填写起算日。"},
    )
    days = forms.IntegerField(
        label="工作日数",
        min_value=0,
        max_value=MAX_DAYS,
        help_text="例如：答复期限 20 个工作日。",
        error_messages={
            "required": "请填写工作日数。",
            "invalid": "请填写整数。",
            "min_value": "工作日数不能为负数。",
            "max_value": f"工作日数不能超过 {MAX_DAYS}。",
        },
    )


class SpecialDayForm(forms.Form):
    date = ChineseDateField(label="日期", error_messages={"required": "请填写日期。"})
    kind = forms.ChoiceField(
        label="类型",
        choices=SpecialDay.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择类型。", "invalid_choice": "请选择类型。"},
    )
    name = forms.CharField(
        label="节日名称",
        max_length=60,
        help_text="例如：春节",
        error_messages={"required": "请填写节日名称。"},
    )

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day and day.year != self.year:
            raise forms.ValidationError(f"日期须在 {self.year} 年内。")
        return day


class AnnounceForm(forms.Form):
    source_note = forms.CharField(
        label="依据（通知名称）",
        max_length=200,
        error_messages={"required": "请填写依据，例如国务院办公厅关于某年部分节假日安排的通知。"},
    )


class ImportForm(forms.Form):
    text = forms.CharField(
        label="放假和调休安排",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="每行一条：日期或日期范围, 休或班, 节日名称。例如：2027-02-05~2027-02-12, 休, 春节",
        error_messages={"required": "请粘贴或填写安排。"},
    )
    source_note = forms.CharField(label="依据（通知名称）", max_length=200, required=False)
    announce = forms.BooleanField(label="同时标记为已公布", required=False)
