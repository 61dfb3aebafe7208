from django import forms


class IdentifierForm(forms.Form):
    identifier = forms.CharField(
        label="电子邮箱或手机号码",
        max_length=254,
        error_messages={"required": "请填写电子邮箱或手机号码。"},
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )


class CodeForm(forms.Form):
    identifier = forms.CharField(widget=forms.HiddenInput, max_length=254)
    code = forms.CharField(
        label="验证码",
        max_length=6,
        min_length=6,
        error_messages={"required": "请填写收到的验证码。", "min_length": "验证码为 6 位数字。"},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
