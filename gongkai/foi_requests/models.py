"""依申请公开: the request, its event timeline (the clock input and the statistics source), its
documents, the office's letter templates and the review / litigation cases of table 四."""

from django.conf import settings
from django.db import models

from gongkai.accounts.models import Department
from gongkai.core.models import Agency

from .outcomes import ApplicantType, Outcome
from .states import Action, Status


class Channel(models.TextChoices):
    ONLINE = "online", "网上申请"
    LETTER_SIGNED = "letter_signed", "邮寄（需签收）"
    LETTER_PLAIN = "letter_plain", "平常信函"
    FAX = "fax", "传真"
    IN_PERSON = "in_person", "当面提交"
    ORAL = "oral", "口头提出（工作人员代为填写）"
    # Another agency of the platform forwarded it (issue 18 item 3); never chosen by staff or applicants.
    FORWARDED = "forwarded", "其他机关通过平台转送"


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    CREDIT_CODE = "credit_code", "统一社会信用代码"
    PASSPORT = "passport", "护照"
    OTHER = "other", "其他身份证明"


class DeliveryForm(models.TextChoices):
    PAPER = "paper", "纸质文本"
    ELECTRONIC = "electronic", "电子文档"
    DISC = "disc", "光盘"


class DeliveryChannel(models.TextChoices):
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    PICKUP = "pickup", "当面领取"
    ONLINE = "online", "网上查看"


class FoiRequest(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="foi_requests")
    tracking_number = models.CharField("申请编号", max_length=20)
    # SHA-256 of the applicant's secret link token (core.secret_links, ADR 0032); the token itself is
    # never stored: the creating service hands it over once as the unsaved attribute `link_token`.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    channel = models.CharField("申请方式", max_length=20, choices=Channel.choices)
    applicant_type = models.CharField("申请人类型", max_length=20, choices=ApplicantType.choices)
    applicant_name = models.CharField("申请人姓名或名称", max_length=100)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    id_type = models.CharField("身份证明类型", max_length=20, choices=IdType.choices)
    # The number itself is not kept: only a masked copy for display and a digest to recognise the same
    # applicant (monthly fee count, duplicates).
    id_number_masked = models.CharField("身份证明号码", max_length=40)
    id_number_digest = models.CharField(max_length=64, db_index=True)
    phone = models.CharField("联系电话", max_length=30)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    description = models.TextField("所需政府信息的名称、文号或特征性描述")
    purpose = models.CharField("用途（选填）", max_length=200, blank=True)
    delivery_form = models.CharField("提供形式", max_length=20, choices=DeliveryForm.choices)
    delivery_channel = models.CharField("获取方式", max_length=20, choices=DeliveryChannel.choices)
    status = models.CharField("状态", max_length=30, choices=Status.choices, default=Status.SUBMITTED)
    outcome = models.CharField("办理结果", max_length=40, choices=Outcome.choices, blank=True)
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="foi_requests",
        verbose_name="承办处室",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="foi_requests",
        verbose_name="承办人",
    )
    submitted_at = models.DateTimeField("提交时间")
    # Denormalised from the events for the register's filters; the events stay the source of truth.
    received_on = models.DateField("收到申请日期", null=True, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    answer_due_on = models.DateField("答复期限", null=True, blank=True)
    # While waiting for a supplement or a payment: the day the request lapses (the day after the period,
    # 《条例》Art. 30, 国办函〔2020〕109号). Compared with today at read time, like the embargo.
    lapses_on = models.DateField("逾期终止日期", null=True, blank=True)
    fee_method = models.CharField("收费方式", max_length=20, default="none")
    fee_amount = models.PositiveIntegerField("信息处理费（元）", default=0)
    # 国办函〔2020〕109号: an applicant in economic difficulty may have the fee reduced or waived.
    fee_full_amount = models.PositiveIntegerField("减免前信息处理费（元）", default=0)
    fee_relief = models.CharField(
        "信息处理费减免", max_length=10, blank=True, choices=[("reduced", "减收"), ("waived", "免收")]
    )
    fee_relief_reason = models.TextField("减免理由", blank=True)
    letter_number = models.CharField("答复文号", max_length=60, blank=True)
    answer_text = models.TextField("答复正文", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The case of another agency this one was forwarded from (条例 Art. 36(五), issue 18 item 3): a
    # copy registered as a new request of this agency, with its own receipt date (Art. 31).
    forwarded_from = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forwarded_to",
        verbose_name="转送自",
    )

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = "政府信息公开申请"
        constraints = [
            models.UniqueConstraint(fields=["agency", "tracking_number"], name="foi_tracking_number_unique"),
            models.CheckConstraint(
                condition=~models.Q(status="closed") | ~models.Q(outcome=""), name="foi_closed_has_outcome"
            ),
            models.CheckConstraint(
                condition=models.Q(status="closed") | models.Q(outcome=""),
                name="foi_outcome_only_when_closed",
            ),
        ]

    def __str__(self):
        return self.tracking_number

    # accounts.guard: an unassigned request is the openness office's, not every department's.
    guard_unassigned_is_office = True

    @property
    def is_organisation(self) -> bool:
        return self.applicant_type != ApplicantType.NATURAL_PERSON


class RequestEvent(models.Model):
    """One thing that happened. The timeline, the clock's input and the source of table 三."""

    SUBMITTED = "submitted"
    NOTE = "note"
    ASSIGNED = "assigned"
    DOCUMENT = "document"
    FEE_WAIVED = "fee_waived"
    KIND_CHOICES = [
        (SUBMITTED, "提交申请"),
        (NOTE, "备注"),
        (ASSIGNED, "分办"),
        (DOCUMENT, "附件"),
        (FEE_WAIVED, "免收信息处理费"),
        *Action.choices,
    ]

    request = models.ForeignKey(FoiRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=KIND_CHOICES)
    at = models.DateTimeField("记录时间")
    on = models.DateField("法定日期")  # the legal date the event counts from (e.g. the receipt date)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=100, blank=True)
    from_status = models.CharField(max_length=30, blank=True)
    to_status = models.CharField(max_length=30, blank=True)
    note = models.TextField(blank=True)
    public_note = models.TextField(blank=True)  # what the applicant sees
    is_public = models.BooleanField(default=True)
    days = models.PositiveSmallIntegerField(default=0)
    party = models.CharField(max_length=20, blank=True)
    outcome = models.CharField(max_length=40, blank=True)
    amount = models.PositiveIntegerField(default=0)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["on", "at", "id"]
        indexes = [models.Index(fields=["kind", "on"])]

    def __str__(self):
        return f"{self.request_id} {self.kind} {self.on}"

    @property
    def kind_label(self) -> str:
        return dict(self.KIND_CHOICES).get(self.kind, self.kind)


def document_path(instance, filename):
    return f"foi/{instance.request.agency_id}/{instance.request.tracking_number}/{filename}"


class RequestDocument(models.Model):
    class Role(models.TextChoices):
        APPLICATION = "application", "申请材料"
        SUPPLEMENT = "supplement", "补正材料"
        LETTER = "letter", "告知书/答复书"
        DISCLOSED = "disclosed", "公开的政府信息"

    request = models.ForeignKey(FoiRequest, on_delete=models.CASCADE, related_name="documents")
    event = models.ForeignKey(
        RequestEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    title = models.CharField("名称", max_length=200)
    file = models.FileField(upload_to=document_path, blank=True)
    mime = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    catalogue_item = models.ForeignKey(
        "catalogue.InformationItem", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_public = models.BooleanField(default=False)  # visible to the applicant once sent
    findings = models.JSONField(
        default=list, blank=True
    )  # confidentiality scan: [{kind, severity, location, excerpt}]
    override_reason = models.TextField(blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.title

    @property
    def blocking(self) -> bool:
        return not self.overridden_by_id and any(f.get("severity") == "high" for f in self.findings)


class LetterTemplate(models.Model):
    """The body of a letter, editable by the openness office; Django template syntax, variables only."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="foi_letter_templates")
    kind = models.CharField("文书类型", max_length=40)
    title = models.CharField("标题", max_length=100)
    body = models.TextField("正文模板")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "kind"], name="foi_one_template_per_kind")]

    def __str__(self):
        return self.title


class ReviewCase(models.Model):
    """Table 四: an administrative review or a lawsuit about an answer."""

    class Kind(models.TextChoices):
        REVIEW = "review", "行政复议"
        SUIT_DIRECT = "suit_direct", "行政诉讼（未经复议直接起诉）"
        SUIT_AFTER_REVIEW = "suit_after_review", "行政诉讼（复议后起诉）"

    class Result(models.TextChoices):
        UPHELD = "upheld", "结果维持"
        CORRECTED = "corrected", "结果纠正"
        OTHER = "other", "其他结果"
        PENDING = "pending", "尚未审结"

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="foi_review_cases")
    request = models.ForeignKey(
        FoiRequest,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review_cases",
        verbose_name="相关申请",
    )
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField("统计年度")
    case_number = models.CharField("案号", max_length=60, blank=True)
    filed_on = models.DateField("立案日期", null=True, blank=True)
    result = models.CharField("结果", max_length=20, choices=Result.choices, default=Result.PENDING)
    # The day the review decision or the judgment was made: the assessment counts outcomes by it.
    decided_on = models.DateField("审结日期", null=True, blank=True)
    note = models.TextField("备注", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.case_number}"


class TrackingCounter(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="foi_one_counter_per_year")]

    def __str__(self):
        return f"{self.agency_id}:{self.year}:{self.last_number}"


class Reminder(models.Model):
    """A deadline reminder the clock job wrote for the handler and the office: at most one per request,
    kind and day, so the hourly job is idempotent. Shown in the office's 提醒 panel and on the request."""

    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    KIND_CHOICES = [(DUE_SOON, "即将到期"), (OVERDUE, "已超期")]

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="foi_reminders")
    request = models.ForeignKey(FoiRequest, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    on = models.DateField("提醒日期")
    due_on = models.DateField("答复期限")
    message = models.CharField(max_length=300)
    # Who is told: the handler (if any), the department and the openness office (everyone with foi.register).
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "kind", "on"], name="foi_one_reminder_per_day")
        ]

    def __str__(self):
        return self.message
