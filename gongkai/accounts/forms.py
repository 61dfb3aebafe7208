from django import forms

from gongkai.core.models import SiteSettings

from .models import Department
from .roles import Role


class StaffUserForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150)
    full_name = forms.CharField(label="姓名", max_length=60)
    department = forms.ModelChoiceField(
        label="处室", queryset=Department.objects.none(), required=False, empty_label="（不属于处室）"
    )
    roles = forms.MultipleChoiceField(
        label="角色", choices=Role.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    email = forms.EmailField(label="电子邮箱", required=False)
    phone = forms.CharField(label="电话", max_length=30, required=False)
    is_active = forms.BooleanField(label="启用", required=False, initial=True)
    password = forms.CharField(
        label="初始密码",
        widget=forms.PasswordInput(render_value=True),
        required=False,
        help_text="至少 10 位，不能全是数字。编辑已有账号时留空表示不修改。",
    )

    def __init__(self, *args, agency, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(agency=agency, is_active=True)
        self.editing = editing
        if editing:
            self.fields["username"].disabled = True
            self.fields["password"].label = "重置密码"
        else:
            self.fields["password"].required = True


class DepartmentForm(forms.Form):
    name = forms.CharField(label="处室名称", max_length=60)
    code = forms.SlugField(label="代码", max_length=40, help_text="英文小写字母、数字或连字符，如 zonghe")
    duties = forms.CharField(label="职责", widget=forms.Textarea, required=False)
    sort_order = forms.IntegerField(label="排序", min_value=0, max_value=32767, initial=0)
    is_active = forms.BooleanField(label="启用", required=False, initial=True)


class SiteSettingsForm(forms.ModelForm):
    class Meta:
        model = SiteSettings
        fields = [
            "site_name",
            "host_organisation",
            "address",
            "postcode",
            "phone",
            "fax",
            "email",
            "office_hours",
            "website_code",
            "icp_number",
            "police_record_number",
            "error_report_url",
            "conac_mark_url",
            "conac_mark_image",
        ]


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(label="原密码", widget=forms.PasswordInput)
    new_password = forms.CharField(
        label="新密码", widget=forms.PasswordInput, help_text="至少 10 位，不能全是数字。"
    )
    new_password2 = forms.CharField(label="再次输入新密码", widget=forms.PasswordInput)

    def clean(self):
        data = super().clean()
        if data.get("new_password") and data.get("new_password") != data.get("new_password2"):
            self.add_error("new_password2", "两次输入的新密码不一致。")
        return data
