from django import forms


class EndpointForm(forms.Form):
    name = forms.CharField(label="名称", max_length=100)
    url = forms.CharField(label="接收地址", max_length=500, help_text="新媒体发布接口或其他系统的地址")
    secret = forms.CharField(
        label="签名密钥", max_length=128, min_length=16, help_text="至少 16 个字符，双方共同保存"
    )
    is_active = forms.BooleanField(label="启用", required=False, initial=True)
