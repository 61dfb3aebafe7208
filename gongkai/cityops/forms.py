from django import forms

from gongkai.core.models import Agency

from . import tables as T
from .services import MAX_DUE_DAYS, MIN_DUE_DAYS

REQUIRED = {"required": "此项为必填项。"}


class NoticeForm(forms.Form):
    agency = forms.ModelChoiceField(
        label="被督办机关", queryset=Agency.objects.none(), empty_label="请选择机关", error_messages=REQUIRED
    )
    subject = forms.CharField(label="督办事项", max_length=200, error_messages=REQUIRED)
    body = forms.CharField(
        label="督办内容和要求",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages=REQUIRED,
    )
    due_days = forms.IntegerField(
        label="办理期限（工作日）",
        min_value=MIN_DUE_DAYS,
        max_value=MAX_DUE_DAYS,
        initial=10,
        error_messages={
            **REQUIRED,
            "invalid": "请填写整数。",
            "min_value": f"办理期限至少 {MIN_DUE_DAYS} 个工作日。",
            "max_value": f"办理期限至多 {MAX_DUE_DAYS} 个工作日。",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(is_active=True).order_by("name")


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="办理情况", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000, error_messages=REQUIRED
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label="填好的统计表模板（.xlsx）",
        error_messages={"required": "请选择文件。", "empty": "文件是空的，请重新选择。"},
    )


class TypedTablesForm(forms.Form):
    """Every figure of tables 二/三/四 as one field, named after its cell (tables.field_name)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in T.CELLS:
            name = T.field_name(key)
            if key == ("table2", "fees"):
                self.fields[name] = forms.DecimalField(
                    label=T.describe(key),
                    min_value=0,
                    max_digits=12,
                    decimal_places=4,
                    initial=0,
                    error_messages={
                        "invalid": "请填写金额（万元）。",
                        "min_value": "金额不能为负数。",
                        **REQUIRED,
                    },
                )
            else:
                self.fields[name] = forms.IntegerField(
                    label=T.describe(key),
                    min_value=0,
                    initial=0,
                    error_messages={"invalid": "请填写整数。", "min_value": "不能为负数。", **REQUIRED},
                )
            self.fields[name].widget.attrs.update({"class": "cell", "aria-label": T.describe(key)})

    def tables(self) -> dict:
        out = T.empty()
        for key in T.CELLS:
            value = self.cleaned_data[T.field_name(key)]
            if key == ("table2", "fees"):
                out["table2"]["fees"] = T.amount_value(value, key)
            elif key[0] == "table2":
                out["table2"][key[1]] = value
            else:
                out[key[0]][key[1]][key[2]] = value
        return out

    def grid(self) -> dict:
        """Bound fields laid out like the tables (the template renders the grid)."""
        f = lambda key: self[T.field_name(key)]  # noqa: E731
        return {
            "table2_docs": [
                (label, [f(("table2", f"{row}.{col}")) for col, _c in T.TABLE2_DOC_COLUMNS])
                for row, label in T.TABLE2_DOC_ROWS
            ],
            "table2_doc_columns": [c for _k, c in T.TABLE2_DOC_COLUMNS],
            "table2_decisions": [(label, f(("table2", key))) for key, label in T.TABLE2_DECISIONS],
            "table2_fees": f(("table2", "fees")),
            "table3_columns": [T.column_label(c) for c in T.TABLE3_COLUMNS],
            "table3_rows": [
                (row.label, row.level, [f(("table3", row.key, c)) for c in T.TABLE3_COLUMNS])
                for row in T.TABLE3_VALUE_ROWS
            ],
            "table4_columns": [
                lbl for lbl in (*[T.TABLE4_RESULT_LABELS[r] for r in T.TABLE4_RESULTS], "总计")
            ],
            "table4_rows": [
                (T.TABLE4_KIND_LABELS[k], [f(("table4", k, c)) for c in T.TABLE4_COLUMNS])
                for k in T.TABLE4_KINDS
            ],
        }
