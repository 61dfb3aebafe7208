from django import forms

from .topics import available_topics


class SubscribeForm(forms.Form):
    email = forms.CharField(label="电子邮箱", max_length=254)
    topics = forms.MultipleChoiceField(label="订阅内容", widget=forms.CheckboxSelectMultiple, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = available_topics()


class PreferenceForm(forms.Form):
    by_email = forms.BooleanField(label="电子邮件通知", required=False)
    by_sms = forms.BooleanField(label="短信通知", required=False)
    mobile = forms.CharField(label="手机号码", max_length=20, required=False)
    daily_digest = forms.BooleanField(
        label="每日汇总", required=False, help_text="每天早上 8 点汇总发送一封；临近超时等紧急提醒仍立即发送"
    )
