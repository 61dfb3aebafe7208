"""办事指南 of 服务事项 (REQUIREMENTS C4), versioned like the 权责清单: a published version is never
edited; a change is a new version with a change note, published through the workflow."""

from django.conf import settings
from django.db import models

from gongkai.accounts.models import Department
from gongkai.core.models import Agency


class ServiceItem(models.Model):
    """服务事项: the stable identity of a guide (its code and owning department)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="承办处室"
    )
    code = models.CharField("事项编码", max_length=40)
    name = models.CharField("事项名称", max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "服务事项"
        verbose_name_plural = "服务事项"
        ordering = ["code", "id"]
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="service_item_code_unique")]

    def __str__(self) -> str:
        return self.name


class GuideStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "现行版本"
    SUPERSEDED = "superseded", "历史版本"
    WITHDRAWN = "withdrawn", "已撤回"


PUBLIC_STATUSES = (GuideStatus.PUBLISHED, GuideStatus.SUPERSEDED)


class GuideVersion(models.Model):
    item = models.ForeignKey(ServiceItem, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    change_note = models.TextField("修订说明")
    status = models.CharField("状态", max_length=20, choices=GuideStatus.choices, default=GuideStatus.DRAFT)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    withdrawal_reason = models.CharField("撤回原因", max_length=500, blank=True)
    basis = models.TextField("设定依据", blank=True)
    conditions = models.TextField("受理条件", blank=True)
    process = models.TextField("办理流程（每行一步）", blank=True)
    statutory_days = models.PositiveSmallIntegerField("法定时限（工作日）", null=True, blank=True)
    promised_days = models.PositiveSmallIntegerField("承诺时限（工作日）", null=True, blank=True)
    fee_free = models.BooleanField("不收费", default=True)
    fee_standard = models.TextField("收费标准", blank=True)
    fee_basis = models.TextField("收费依据", blank=True)
    location = models.CharField("办理地点", max_length=300, blank=True)
    hours = models.CharField("办理时间", max_length=300, blank=True)
    phone = models.CharField("咨询电话", max_length=100, blank=True)
    complaint = models.CharField("投诉渠道", max_length=300, blank=True)
    delivery = models.CharField("结果送达", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "办事指南版本"
        verbose_name_plural = "办事指南版本"
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="guide_version_number_unique"),
            models.CheckConstraint(
                condition=models.Q(promised_days__isnull=True)
                | models.Q(statutory_days__isnull=True)
                | models.Q(promised_days__lte=models.F("statutory_days")),
                name="guide_promise_within_statutory_limit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item.name}办事指南（第 {self.number} 版）"

    @property
    def agency(self):
        return self.item.agency

    @property
    def department(self):
        return self.item.department

    @property
    def department_id(self):
        return self.item.department_id

    @property
    def title(self) -> str:
        return str(self)

    @property
    def steps(self) -> list[str]:
        return [s.strip() for s in self.process.splitlines() if s.strip()]


class Material(models.Model):
    """申请材料: one document the applicant brings, with its form, copies and downloads."""

    version = models.ForeignKey(GuideVersion, on_delete=models.CASCADE, related_name="materials")
    name = models.CharField("材料名称", max_length=200)
    form = models.CharField("材料形式", max_length=50, default="原件")
    copies = models.PositiveSmallIntegerField("份数", default=1)
    note = models.CharField("说明", max_length=300, blank=True)
    sample = models.FileField("示范文本", upload_to="service_guides/", max_length=200, blank=True)
    sample_name = models.CharField(max_length=200, blank=True)
    blank_form = models.FileField("空白表格", upload_to="service_guides/", max_length=200, blank=True)
    blank_form_name = models.CharField(max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "申请材料"
        verbose_name_plural = "申请材料"
        ordering = ["version_id", "sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class Rating(models.Model):
    """A citizen's rating of a guide's clarity (1-5)."""

    version = models.ForeignKey(GuideVersion, on_delete=models.CASCADE, related_name="ratings")
    score = models.PositiveSmallIntegerField("清晰程度")
    ip_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="rating_1_to_5")
        ]

    def __str__(self) -> str:
        return f"{self.version_id}: {self.score}"


class ErrorReport(models.Model):
    """纠错: a citizen reports an error; routed to the owning department and answered there."""

    class State(models.TextChoices):
        OPEN = "open", "待处理"
        HANDLED = "handled", "已处理"

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.ForeignKey(GuideVersion, on_delete=models.CASCADE, related_name="error_reports")
    body = models.TextField("错误内容")
    contact = models.CharField("联系方式", max_length=100, blank=True)
    ip_hash = models.CharField(max_length=64, blank=True)
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.OPEN)
    reply = models.TextField("处理情况", blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "办事指南纠错"
        verbose_name_plural = "办事指南纠错"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.body[:40]
