from django import forms

from gongkai.core.errors import ValidationFailed

from . import identity
from .clock import AGENCY, DEFAULT_SUPPLEMENT_DAYS, MAX_EXTENSION_DAYS, THIRD_PARTY
from .fees import FeeMethod
from .models import Channel, DeliveryChannel, DeliveryForm, FoiRequest, IdType, ReviewCase
from .outcomes import ANSWER_OUTCOMES, ApplicantType

REQUIRED = {"required": "此项为必填项。"}


def _choice(label, choices, **kw):
    return forms.ChoiceField(
        label=label, choices=choices, error_messages={**REQUIRED, "invalid_choice": "请从列表中选择。"}, **kw
    )


class ApplicationForm(forms.Form):
    applicant_type = _choice(
        "申请人类型",
        ApplicantType.choices,
        widget=forms.RadioSelect,
        help_text="公民选“自然人”；法人或者其他组织按单位性质选择。",
    )
    applicant_name = forms.CharField(label="申请人姓名或单位名称", max_length=100, error_messages=REQUIRED)
    contact_person = forms.CharField(label="联系人（单位申请时填写）", max_length=50, required=False)
    id_type = _choice("身份证明类型", IdType.choices)
    id_number = forms.CharField(
        label="身份证明号码",
        max_length=40,
        error_messages=REQUIRED,
        help_text="仅用于核实身份，页面上只显示部分号码。",
    )
    phone = forms.RegexField(
        label="联系电话",
        regex=r"^[0-9+\- ]{7,20}$",
        max_length=20,
        error_messages={**REQUIRED, "invalid": "请填写正确的电话号码。"},
    )
    email = forms.EmailField(
        label="电子邮箱", required=False, error_messages={"invalid": "请填写正确的电子邮箱地址。"}
    )
    address = forms.CharField(label="通信地址", max_length=200, required=False)
    postcode = forms.RegexField(
        label="邮政编码",
        regex=r"^\d{6}$",
        required=False,
        error_messages={"invalid": "邮政编码为 6 位数字。"},
    )
    description = forms.CharField(
        label="所需政府信息的名称、文号或者便于查询的其他特征性描述",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages=REQUIRED,
    )
    purpose = forms.CharField(label="用途（选填）", max_length=200, required=False)
    delivery_form = _choice("信息的提供形式", DeliveryForm.choices, widget=forms.RadioSelect)
    delivery_channel = _choice("获取信息的方式", DeliveryChannel.choices, widget=forms.RadioSelect)

    def clean(self):
        data = super().clean()
        applicant_type, id_type = data.get("applicant_type"), data.get("id_type")
        if applicant_type == ApplicantType.NATURAL_PERSON and id_type == IdType.CREDIT_CODE:
            self.add_error("id_type", "自然人请选择居民身份证、护照或其他身份证明。")
        elif (
            applicant_type
            and applicant_type != ApplicantType.NATURAL_PERSON
            and id_type == IdType.RESIDENT_ID
        ):
            self.add_error("id_type", "法人或者其他组织请填写统一社会信用代码或其他证明。")
        if id_type and data.get("id_number") and "id_type" not in self.errors:
            try:
                identity.normalise(id_type, data["id_number"])
            except ValidationFailed as exc:
                self.add_error("id_number", exc.message)
        if data.get("delivery_channel") == DeliveryChannel.EMAIL and not data.get("email"):
            self.add_error("email", "选择电子邮件获取时请填写电子邮箱。")
        if data.get("delivery_channel") == DeliveryChannel.POST and not data.get("address"):
            self.add_error("address", "选择邮寄获取时请填写通信地址。")
        return data


class RegisterForm(ApplicationForm):
    """Staff register a letter, a fax, an in-person or an oral application (Arts. 29, 31, 43)."""

    channel = _choice(
        "申请方式", [c for c in Channel.choices if c[0] not in (Channel.ONLINE, Channel.FORWARDED)]
    )
    received_on = forms.DateField(
        label="收到申请日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="当面和口头申请为当日；邮寄签收为签收日；平常信函、传真为与申请人确认之日。"
        "尚未确认的留空。",
        error_messages={"invalid": "请填写正确的日期。"},
    )
    backdate_reason = forms.CharField(
        label="补录理由",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="收到申请日期早于今天时必填，记入审计日志（《条例》第三十一条）。",
    )
    note = forms.CharField(label="登记说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


def _on_field():
    return forms.DateField(
        label="日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="留空为今天。",
        error_messages={"invalid": "请填写正确的日期。"},
    )


def _backdate_field():
    return forms.CharField(
        label="补录理由（日期早于今天时填写）",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="日期早于录入之日超过允许的天数时必填，记入审计日志。",
    )


class DatedForm(forms.Form):
    """The legal date of the action (today when left empty) and, when it is earlier than the day it is
    entered by more than the tolerance, the reason (services.recording._dated)."""

    on = _on_field()
    backdate_reason = _backdate_field()


class DateNoteForm(DatedForm):
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SupplementForm(DatedForm):
    items = forms.CharField(
        label="需要补正的事项", widget=forms.Textarea(attrs={"rows": 3}), error_messages=REQUIRED
    )
    days = forms.IntegerField(
        label="补正期限（工作日）",
        min_value=1,
        max_value=60,
        initial=DEFAULT_SUPPLEMENT_DAYS,
        error_messages={**REQUIRED, "min_value": "至少 1 个工作日。", "max_value": "最多 60 个工作日。"},
    )
    field_order = ["items", "days", "on", "backdate_reason"]


class ConsultationForm(DatedForm):
    party = _choice(
        "征求意见对象",
        [(THIRD_PARTY, "第三方（《条例》第三十二条）"), (AGENCY, "共同制作的行政机关（《条例》第三十四条）")],
    )
    consultee = forms.CharField(label="名称", max_length=100, error_messages=REQUIRED)
    field_order = ["party", "consultee", "on", "backdate_reason"]


class ExtendForm(DatedForm):
    days = forms.IntegerField(
        label="延长工作日数",
        min_value=1,
        max_value=MAX_EXTENSION_DAYS,
        initial=MAX_EXTENSION_DAYS,
        error_messages={**REQUIRED, "min_value": "至少 1 个工作日。", "max_value": "最多 20 个工作日。"},
    )
    reason = forms.CharField(
        label="延长理由（告知申请人）", widget=forms.Textarea(attrs={"rows": 2}), error_messages=REQUIRED
    )
    field_order = ["days", "reason", "on", "backdate_reason"]


class FeeForm(DatedForm):
    method = _choice(
        "计收方式", [(FeeMethod.PER_REQUEST.value, "按件计收"), (FeeMethod.PER_PAGE.value, "按量计收")]
    )
    pages = forms.IntegerField(
        label="页数（按量计收时填写）",
        min_value=0,
        required=False,
        error_messages={"min_value": "页数不能为负数。"},
    )
    relief = forms.ChoiceField(
        label="减免（申请人确有经济困难时）",
        required=False,
        choices=[("", "不减免"), ("reduced", "减收"), ("waived", "免收")],
        error_messages={"invalid_choice": "请从列表中选择。"},
    )
    reduced_amount = forms.IntegerField(
        label="减收后收取的金额（元）",
        min_value=1,
        required=False,
        error_messages={"min_value": "减收后的金额至少 1 元；全部免收请选择“免收”。"},
    )
    relief_reason = forms.CharField(
        label="减免理由",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="写明申请人确有经济困难的情况（国办函〔2020〕109号），写入通知书和办理记录。",
    )
    field_order = ["method", "pages", "relief", "reduced_amount", "relief_reason", "on", "backdate_reason"]


class AnswerForm(DatedForm):
    outcome = _choice("答复类型", [(o.value, o.label) for o in ANSWER_OUTCOMES])
    letter_number = forms.CharField(label="文号", max_length=60, required=False)
    text = forms.CharField(
        label="答复正文",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages=REQUIRED,
        help_text="答复书会自动写明依据和救济途径。写“见附件”的，须先附上所提供的政府信息。",
    )
    field_order = ["outcome", "letter_number", "text", "on", "backdate_reason"]


class UploadForm(forms.Form):
    title = forms.CharField(label="名称", max_length=200, required=False)
    file = forms.FileField(label="文件", error_messages={**REQUIRED, "empty": "文件是空的。"})


class CatalogueItemForm(forms.Form):
    index_number = forms.CharField(label="政府信息索引号", max_length=40, error_messages=REQUIRED)


class OverrideForm(forms.Form):
    reason = forms.CharField(
        label="放行理由", widget=forms.Textarea(attrs={"rows": 2}), error_messages=REQUIRED
    )


class AssignForm(forms.Form):
    department = forms.ModelChoiceField(label="承办处室", queryset=None, error_messages=REQUIRED)
    handler = forms.ModelChoiceField(label="承办人", queryset=None, required=False)

    def __init__(self, *args, agency, **kwargs):
        from gongkai.accounts.selectors import departments_of, staff_of

        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments_of(agency)
        self.fields["handler"].queryset = staff_of(agency).filter(is_active=True)


class ForwardForm(DatedForm):
    """条例 Art. 36(五): answer 不属于本机关负责公开 naming the competent agency, and forward a copy to it."""

    to_agency = forms.ModelChoiceField(label="负责公开该信息的机关", queryset=None, error_messages=REQUIRED)
    text = forms.CharField(
        label="答复正文（留空则按规范自动生成，写明该机关名称和联系方式）",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )
    letter_number = forms.CharField(label="答复文号", max_length=60, required=False)
    field_order = ["to_agency", "text", "letter_number", "on", "backdate_reason"]

    def __init__(self, *args, agency, **kwargs):
        from gongkai.core.models import Agency

        super().__init__(*args, **kwargs)
        self.fields["to_agency"].queryset = (
            Agency.objects.filter(is_active=True).exclude(pk=agency.pk).order_by("name")
        )


class WithdrawForm(DatedForm):
    note = forms.CharField(
        label="撤回说明", widget=forms.Textarea(attrs={"rows": 2}), error_messages=REQUIRED
    )
    field_order = ["note", "on", "backdate_reason"]


class LetterTemplateForm(forms.Form):
    title = forms.CharField(label="标题", max_length=100, error_messages=REQUIRED)
    body = forms.CharField(
        label="正文模板", widget=forms.Textarea(attrs={"rows": 14}), error_messages=REQUIRED
    )


class ReviewCaseForm(forms.ModelForm):
    """A review or suit and, once decided, its outcome (the assessment counts answers corrected)."""

    tracking_number = forms.CharField(
        label="相关申请编号",
        max_length=20,
        required=False,
        help_text="可选：被复议或起诉的答复所属申请的编号，如 2026-0001；填写后计入该申请承办处室的考核。",
    )

    class Meta:
        model = ReviewCase
        fields = ["kind", "year", "case_number", "filed_on", "result", "decided_on", "note"]
        widgets = {
            "filed_on": forms.DateInput(attrs={"type": "date"}),
            "decided_on": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {"decided_on": "复议决定或判决作出的日期；结果不是“尚未审结”时必填。"}

    def __init__(self, *args, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        if self.instance.pk and self.instance.request_id:
            self.fields["tracking_number"].initial = self.instance.request.tracking_number

    def clean_tracking_number(self):
        number = self.cleaned_data["tracking_number"].strip()
        if not number:
            return None
        request = FoiRequest.objects.filter(agency=self.agency, tracking_number=number).first()
        if request is None:
            raise forms.ValidationError("本机关没有该编号的申请。")
        return request

    def to_service(self) -> dict:
        data = dict(self.cleaned_data)
        data["request"] = data.pop("tracking_number")
        return data


class ApplicantSupplementForm(forms.Form):
    """The applicant's 补正, on the tracking page while a supplement notice is pending (Art. 30)."""

    text = forms.CharField(
        label="补正内容",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={**REQUIRED, "max_length": "补正内容最多 2000 字。"},
        help_text="请按补正告知的要求，写明所需政府信息的名称、文号或者便于查询的其他特征性描述。",
    )
