from django import forms

from gongkai.accounts.models import Department, User
from gongkai.core.agency_settings import RULES
from gongkai.core.models import Agency


class AgencyForm(forms.Form):
    code = forms.SlugField(
        label="代码", max_length=40, help_text="网址 /bm/代码/ 与数据中使用的英文短名，如 fzczj"
    )
    name = forms.CharField(label="机关名称", max_length=100)
    short_name = forms.CharField(label="简称", max_length=40, required=False)
    organisation_code = forms.CharField(
        label="索引号前缀（组织机构代码）", max_length=18, help_text="如统一社会信用代码或 9 位组织机构代码"
    )
    area_code = forms.CharField(label="行政区划代码", max_length=6, required=False)
    kind = forms.ChoiceField(label="机关类型", choices=Agency.Kind.choices)
    parent = forms.ModelChoiceField(label="上级机关", queryset=Agency.objects.none(), required=False)
    site_host = forms.CharField(
        label="网站域名", max_length=120, required=False, help_text="独立域名时填写；留空则网站位于 /bm/代码/"
    )
    sort_order = forms.IntegerField(label="排序", min_value=0, max_value=32000, initial=0)

    def __init__(self, *args, instance: Agency | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Agency.objects.filter(is_active=True).order_by("sort_order", "id")
        if instance is not None:
            qs = qs.exclude(pk=instance.pk)
        self.fields["parent"].queryset = qs


class CloseForm(forms.Form):
    reason = forms.CharField(label="关闭原因", max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class AdministratorForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150, help_text="本机关已有账号，或新账号的用户名")
    full_name = forms.CharField(label="姓名", max_length=60, required=False)
    email = forms.EmailField(label="电子邮箱", required=False)
    password = forms.CharField(
        label="初始密码", required=False, widget=forms.PasswordInput, help_text="仅新账号需要"
    )


class MoveStaffForm(forms.Form):
    user = forms.ModelChoiceField(label="工作人员", queryset=User.objects.none())
    to_agency = forms.ModelChoiceField(label="调入机关", queryset=Agency.objects.none())
    department = forms.ModelChoiceField(label="调入处室", queryset=Department.objects.none(), required=False)

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(agency=agency, is_superuser=False).order_by(
            "username"
        )
        self.fields["to_agency"].queryset = Agency.objects.filter(is_active=True).exclude(pk=agency.pk)
        self.fields["department"].queryset = Department.objects.filter(is_active=True).exclude(agency=agency)


class RuleForm(forms.Form):
    key = forms.ChoiceField(label="设置项", choices=[(k, r.label) for k, r in RULES.items()])
    value = forms.CharField(label="本机关取值", max_length=12)


class PortalSettingsForm(forms.ModelForm):
    class Meta:
        from .models import PortalSettings

        model = PortalSettings
        fields = PortalSettings.FIELDS
        help_texts = {
            "website_code": "政府网站标识码（10位），开办时取得；留空则页脚不显示",
            "icp_number": "如 闽ICP备12345678号",
            "police_record_number": "如 闽公网安备 35010202000001号",
        }
