"""行政执法公示 (国办发〔2018〕118号): 事前 (bodies, officers, benchmarks, inspection items), 事中
(certificate lookup), 事后 (decisions); 双随机、一公开 inspections; 统计严重失信企业 listings."""

from django.conf import settings
from django.db import models

from gongkai.accounts.models import Department
from gongkai.core.models import Agency


class EnforcementBody(models.Model):
    """执法主体 with its flow chart (办理流程, one step a line)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    name = models.CharField("执法主体名称", max_length=200)
    scope = models.TextField("执法职责和权限")
    address = models.CharField("地址", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)
    flow_steps = models.TextField("执法流程（每行一步）", blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "执法主体"
        verbose_name_plural = "执法主体"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def steps(self) -> list[str]:
        return [s.strip() for s in self.flow_steps.splitlines() if s.strip()]


class Officer(models.Model):
    """执法人员 and the 执法证 (certificate) they show during enforcement (事中)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("姓名", max_length=50)
    certificate_number = models.CharField("执法证号", max_length=40)
    area = models.CharField("执法区域", max_length=100, blank=True)
    issued_by = models.CharField("发证机关", max_length=100, blank=True)
    valid_until = models.DateField("有效期至")
    active = models.BooleanField("在岗", default=True)

    class Meta:
        verbose_name = "执法人员"
        verbose_name_plural = "执法人员"
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["certificate_number"], name="officer_certificate_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.certificate_number}）"


class DiscretionBenchmark(models.Model):
    """裁量基准: one violation, one circumstance, the range of the penalty."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    violation = models.CharField("违法行为", max_length=200)
    basis = models.TextField("处罚依据")
    circumstance = models.CharField("违法情节", max_length=200)
    min_fine = models.DecimalField("罚款下限（元）", max_digits=12, decimal_places=2, null=True, blank=True)
    max_fine = models.DecimalField("罚款上限（元）", max_digits=12, decimal_places=2, null=True, blank=True)
    other_measures = models.CharField("其他处理", max_length=200, blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "裁量基准"
        verbose_name_plural = "裁量基准"
        ordering = ["sort_order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_fine__isnull=True)
                | models.Q(max_fine__isnull=True)
                | models.Q(min_fine__lte=models.F("max_fine")),
                name="benchmark_range_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.violation}（{self.circumstance}）"


class InspectionItem(models.Model):
    """随机抽查事项清单 row."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    name = models.CharField("抽查事项", max_length=200)
    subject = models.CharField("检查对象", max_length=200)
    basis = models.TextField("检查依据")
    method = models.CharField("检查方式", max_length=200)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "随机抽查事项"
        verbose_name_plural = "随机抽查事项"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class DecisionKind(models.TextChoices):
    LICENSING = "licensing", "行政许可"
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    INSPECTION = "inspection", "行政检查"
    OTHER = "other", "其他行政执法决定"


class PartyType(models.TextChoices):
    INDIVIDUAL = "individual", "自然人"
    ORGANISATION = "organisation", "法人或其他组织"


class DecisionStatus(models.TextChoices):
    """Mirror of the publication fact (the workflow is the authority on the process)."""

    DRAFT = "draft", "待公开"
    PUBLISHED = "published", "已公开"
    WITHDRAWN = "withdrawn", "已撤回"


class ChangeKind(models.TextChoices):
    CHANGED = "changed", "依法变更"
    REVOKED = "revoked", "撤销"
    ILLEGAL = "illegal", "确认违法"
    ANNULLED = "annulled", "确认无效"


class Decision(models.Model):
    """事后公开: an enforcement decision, published within 7 or 20 working days of being made."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="承办处室"
    )
    kind = models.CharField("决定类别", max_length=20, choices=DecisionKind.choices)
    document_number = models.CharField("决定书文号", max_length=100)
    title = models.CharField("案件名称", max_length=200)
    party_type = models.CharField("当事人类型", max_length=20, choices=PartyType.choices)
    party_name = models.CharField("当事人", max_length=200)
    party_id_number = models.CharField("当事人证件号码或统一社会信用代码", max_length=40, blank=True)
    facts = models.TextField("主要违法事实或事项")
    basis = models.TextField("执法依据")
    outcome = models.TextField("决定内容")
    fine_amount = models.DecimalField(
        "罚没金额（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    decided_on = models.DateField("决定日期")
    due_on = models.DateField("应公开日期")
    status = models.CharField(
        "状态", max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    published_at = models.DateTimeField("公开时间", null=True, blank=True)
    late_by_days = models.PositiveSmallIntegerField("逾期工作日数", null=True, blank=True)
    change_kind = models.CharField("变更情形", max_length=20, choices=ChangeKind.choices, blank=True)
    changed_on = models.DateField("变更、撤销或确认无效日期", null=True, blank=True)
    change_reason = models.TextField("撤回理由", blank=True)
    withdraw_due_on = models.DateField("应撤回日期", null=True, blank=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "行政执法决定"
        verbose_name_plural = "行政执法决定"
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(changed_on__isnull=True) | ~models.Q(change_reason=""),
                name="decision_change_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(fine_amount__isnull=True) | models.Q(fine_amount__gte=0),
                name="decision_fine_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["status", "decided_on"], name="decision_public_idx")]

    def __str__(self) -> str:
        return f"{self.document_number} {self.title}"


class Inspection(models.Model):
    """One 双随机 inspection: the pools, the recorded seed and draw, the results."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    item = models.ForeignKey(
        InspectionItem, on_delete=models.PROTECT, related_name="inspections", verbose_name="抽查事项"
    )
    title = models.CharField("抽查任务", max_length=200)
    object_pool = models.JSONField("检查对象名录库", default=list)
    inspector_pool = models.JSONField("执法检查人员名录库", default=list)
    object_count = models.PositiveSmallIntegerField("抽取对象数")
    inspector_count = models.PositiveSmallIntegerField("抽取检查人员数")
    seed = models.CharField("随机种子", max_length=64, blank=True)
    drawn_objects = models.JSONField("抽中的检查对象", default=list)
    drawn_inspectors = models.JSONField("抽中的检查人员", default=list)
    drawn_at = models.DateTimeField("抽取时间", null=True, blank=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    completed_on = models.DateField("检查完成日期", null=True, blank=True)
    results = models.TextField("检查结果", blank=True)
    results_due_on = models.DateField("结果应公示日期", null=True, blank=True)
    results_published_at = models.DateTimeField("结果公示时间", null=True, blank=True)
    late_by_days = models.PositiveSmallIntegerField("逾期工作日数", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "双随机抽查"
        verbose_name_plural = "双随机抽查"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class DishonestyListing(models.Model):
    """统计严重失信企业 publicity (国统字〔2019〕33号): listed, shown 1 (or 2) years, removed at its minute."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    enterprise_name = models.CharField("企业名称", max_length=200)
    credit_code = models.CharField("统一社会信用代码", max_length=18)
    decision_number = models.CharField("认定文书号", max_length=100)
    decided_on = models.DateField("认定日期")
    facts = models.TextField("失信行为")
    basis = models.TextField("认定依据")
    listing_due_on = models.DateField("应公示日期")
    listed_at = models.DateTimeField("公示开始时间", null=True, blank=True)
    late_by_days = models.PositiveSmallIntegerField("逾期工作日数", null=True, blank=True)
    aggravated = models.BooleanField("公示期延长至 2 年", default=False)
    aggravation_reason = models.TextField("延长理由", blank=True)
    ends_at = models.DateTimeField("公示期满时间", null=True, blank=True)
    removed_at = models.DateTimeField("提前移出时间", null=True, blank=True)
    removal_reason = models.TextField("提前移出理由", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "统计严重失信企业公示"
        verbose_name_plural = "统计严重失信企业公示"
        ordering = ["-listed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(removed_at__isnull=True) | ~models.Q(removal_reason=""),
                name="dishonesty_removal_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(aggravated=False) | ~models.Q(aggravation_reason=""),
                name="dishonesty_aggravation_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.enterprise_name


ACTION_LABELS = {
    "saved": "保存",
    "registered": "登记",
    "edited": "修改",
    "published": "公开",
    "changed": "登记变更、撤销或确认无效",
    "withdrawn": "撤回",
    "created": "新建",
    "drawn": "随机抽取",
    "verified": "复核抽取结果",
    "completed": "登记检查完成",
    "results_published": "公示检查结果",
    "listed": "开始公示",
    "removed_early": "提前移出",
    "extended": "公示期延长至 2 年",
}


class Event(models.Model):
    """The timeline of every enforcement record (one row per transition, written with the audit row)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    record_type = models.CharField(max_length=30)
    record_id = models.PositiveIntegerField()
    action = models.CharField(max_length=40)
    note = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["record_type", "record_id"], name="enforcement_event_record_idx")]

    def __str__(self) -> str:
        return f"{self.record_type}#{self.record_id} {self.action}"

    @property
    def label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)
