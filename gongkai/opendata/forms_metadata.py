"""Office forms for the records around the data: 共享开放目录 entries, indicator metadata, survey projects."""

from django import forms

from gongkai.accounts.models import Department

from .models import DataResource, OpenType, SurveyProject, Topic

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(label, rows=3, **kwargs):
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": rows}), required=False, **kwargs)


class ResourceForm(forms.Form):
    """A 共享开放目录 entry (统计法 Art. 23). `code` is fixed once created: URLs and API ids use it."""

    code = forms.SlugField(
        label="资源代码", max_length=60, help_text="英文字母、数字、连字符，如 gdp-quarterly；保存后不能修改"
    )
    title = forms.CharField(label="资源名称", max_length=200)
    description = _text("资源摘要")
    topic = forms.ChoiceField(label="主题", choices=Topic.choices, initial=Topic.OTHER)
    open_type = forms.ChoiceField(
        label="开放类型", choices=OpenType.choices, initial=OpenType.OPEN, widget=forms.RadioSelect
    )
    not_open_reason = _text(
        "不予开放理由", help_text="不予开放时必填，并说明依据（如涉及国家秘密、个人信息、商业秘密）"
    )
    conditions = _text("开放条件与使用条款", rows=4, help_text="有条件开放时必填：申请人须接受的条款")
    update_frequency = forms.CharField(
        label="更新频率", max_length=40, required=False, help_text="如 每月、每季度、每年"
    )
    formats = forms.CharField(label="数据格式", max_length=100, initial="CSV、XLSX、JSON、JSON-stat")
    licence = forms.CharField(label="使用许可", max_length=200, initial="可免费使用，须注明数据来源")
    department = forms.ModelChoiceField(label="提供处室", queryset=Department.objects.none(), required=False)
    contact = forms.CharField(label="联系方式", max_length=200, required=False)

    def __init__(self, *args, agency, resource: DataResource | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency, self.resource = agency, resource
        self.fields["department"].queryset = Department.objects.filter(agency=agency, is_active=True)
        if resource is not None:
            del self.fields["code"]

    def clean_code(self):
        code = self.cleaned_data["code"]
        if code == "new":  # the office URL /catalogue/new/ is the form itself
            raise forms.ValidationError("“new”是保留字，请换一个资源代码。")
        if DataResource.objects.filter(agency=self.agency, code=code).exists():
            raise forms.ValidationError("该资源代码已被使用，请换一个。")
        return code

    def clean(self):
        data = super().clean()
        open_type = data.get("open_type")
        if open_type == OpenType.NOT_OPEN and not (data.get("not_open_reason") or "").strip():
            self.add_error("not_open_reason", "不予开放的数据资源须说明理由。")
        if open_type == OpenType.CONDITIONAL and not (data.get("conditions") or "").strip():
            self.add_error(
                "conditions", "有条件开放的数据资源须写明开放条件与使用条款，申请人须接受这些条款。"
            )
        return data


class IndicatorForm(forms.Form):
    """指标 metadata published with the data (统计法实施条例 Art. 27). The code comes from the imports."""

    name = forms.CharField(label="指标名称", max_length=200)
    unit = forms.CharField(label="计量单位", max_length=40, required=False)
    decimals = forms.IntegerField(label="小数位数", min_value=0, max_value=6, initial=0)
    meaning = _text("指标涵义", rows=4)
    scope = _text("统计口径")
    survey_method = _text("调查方法")
    calculation = _text("计算方法")
    sample_size = forms.CharField(
        label="样本量", max_length=100, required=False, help_text="抽样调查时填写，如 约 1200 户"
    )
    source = forms.CharField(label="数据来源", max_length=300, required=False)
    contact = forms.CharField(label="联系方式", max_length=200, required=False)


class SurveyProjectForm(forms.Form):
    """统计调查项目 (统计法 Art. 15: approved or filed before it is carried out)."""

    name = forms.CharField(label="项目名称", max_length=200)
    kind = forms.ChoiceField(label="管理方式", choices=SurveyProject.Kind.choices, widget=forms.RadioSelect)
    approval_number = forms.CharField(label="批准（备案）文号", max_length=100)
    approving_authority = forms.CharField(label="批准（备案）机关", max_length=100)
    organiser = forms.CharField(label="制定机关", max_length=100)
    valid_until = forms.DateField(label="有效期至", widget=DATE, required=False, input_formats=["%Y-%m-%d"])
    respondents = _text("调查对象")
    content = _text("调查内容")
    frequency = forms.CharField(label="调查频率", max_length=60, required=False)
    method = _text("调查方法")
    organisation = _text("组织实施方式")
    publication = _text("调查资料的报送与公布")
    is_public = forms.BooleanField(label="在门户网站公开", required=False, initial=True)
