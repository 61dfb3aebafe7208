from django import forms

from gongkai.accounts.models import Department

from .models import Category, Rating


class MessageForm(forms.Form):
    category = forms.ChoiceField(
        label="留言类别", choices=Category.choices, widget=forms.RadioSelect, initial=Category.CONSULTATION
    )
    subject = forms.CharField(label="标题", max_length=100)
    body = forms.CharField(
        label="留言内容", widget=forms.Textarea(attrs={"rows": 8, "maxlength": 5000}), max_length=5000
    )
    name = forms.CharField(label="姓名（可不填）", max_length=60, required=False)
    contact = forms.CharField(label="联系电话或电子邮箱（不公开）", max_length=100, required=False)
    wants_publication = forms.BooleanField(
        label="同意在网站公开我的留言和答复（不公开姓名和联系方式）",
        required=False,
        initial=False,  # consent is given by ticking, never by default (个人信息保护法 Art. 14)
    )
    website = forms.CharField(
        label="请勿填写此项",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


class RecoverLinkForm(forms.Form):
    number = forms.CharField(label="留言编号", max_length=40, help_text="如 LY202611030001，见提交成功页面")
    contact = forms.CharField(
        label="留言时填写的联系电话或电子邮箱", max_length=100, help_text="须与留言时填写的完全一致"
    )
    website = forms.CharField(
        label="请勿填写此项",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


class RatingForm(forms.Form):
    rating = forms.ChoiceField(label="您对答复是否满意", choices=Rating.choices, widget=forms.RadioSelect)
    note = forms.CharField(label="说明（可不填）", max_length=300, required=False)


class AssignForm(forms.Form):
    department = forms.ModelChoiceField(label="承办处室", queryset=Department.objects.none())

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(agency=agency, is_active=True)


class ReplyForm(forms.Form):
    reply = forms.CharField(label="答复内容", widget=forms.Textarea(attrs={"rows": 6}))


class RejectForm(forms.Form):
    reason = forms.CharField(label="不予受理的理由（留言人可见）", max_length=300)
