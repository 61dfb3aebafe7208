"""Negative list (负面清单) and stored confidentiality-scan reports with their findings."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from gongkai.core.models import Agency

from .scanner import KIND_LABELS, SEVERITY_LABELS


class NegativeListEntry(models.Model):
    """A matter not to be disclosed (条例 Arts. 14-16), with its legal basis; its terms feed the scan."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="negative_list_entries")
    matter = models.CharField("不予公开事项", max_length=200)
    terms = models.TextField(
        "检查用词语", blank=True, help_text="每行一个词语；发布前的保密审查会检查正文和附件中是否出现。"
    )
    legal_basis = models.CharField("法律依据", max_length=300)
    note = models.TextField("说明", blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("有效", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "负面清单事项"
        verbose_name_plural = "负面清单"
        ordering = ["sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "matter"], name="negative_list_matter_unique_per_agency"
            ),
        ]

    def __str__(self) -> str:
        return self.matter

    @property
    def term_list(self) -> list[str]:
        return [line.strip() for line in self.terms.splitlines() if line.strip()]


class ScanReport(models.Model):
    """One run of the scan over one publishable object at one stage of its workflow."""

    class Stage(models.TextChoices):
        SUBMISSION = "submission", "提交审查时"
        APPROVAL = "approval", "审批时"
        MANUAL = "manual", "人工检查"

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="scan_reports")
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.CharField(max_length=64)
    subject = GenericForeignKey("subject_type", "subject_id")
    stage = models.CharField("阶段", max_length=20, choices=Stage.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="执行人",
    )
    files_scanned = models.PositiveIntegerField("检查的附件数", default=0)
    created_at = models.DateTimeField("检查时间", auto_now_add=True)

    class Meta:
        verbose_name = "保密审查检查报告"
        verbose_name_plural = "保密审查检查报告"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id", "-created_at"], name="scanreport_subject_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stage__in=["submission", "approval", "manual"]),
                name="scanreport_stage_valid",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"保密审查检查 {timezone.localtime(self.created_at):%Y-%m-%d %H:%M}（{self.get_stage_display()}）"
        )


class ScanFinding(models.Model):
    class Severity(models.TextChoices):
        HIGH = "high", SEVERITY_LABELS["high"]
        MEDIUM = "medium", SEVERITY_LABELS["medium"]
        LOW = "low", SEVERITY_LABELS["low"]

    report = models.ForeignKey(ScanReport, on_delete=models.CASCADE, related_name="findings")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField("类型", max_length=40, choices=list(KIND_LABELS.items()))
    severity = models.CharField("严重程度", max_length=10, choices=Severity.choices)
    location = models.CharField("位置", max_length=500)
    excerpt = models.CharField("摘录（已遮蔽）", max_length=500, blank=True)
    detail = models.TextField("说明", blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="确认人",
    )
    override_reason = models.TextField("确认理由", blank=True)
    overridden_at = models.DateTimeField("确认时间", null=True, blank=True)

    class Meta:
        verbose_name = "检查发现"
        verbose_name_plural = "检查发现"
        ordering = ["report", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(severity__in=["high", "medium", "low"]), name="scanfinding_severity_valid"
            ),
            # an override always carries who, when and why
            models.CheckConstraint(
                condition=models.Q(overridden_at__isnull=True, overridden_by__isnull=True)
                | (
                    models.Q(overridden_at__isnull=False, overridden_by__isnull=False)
                    & ~models.Q(override_reason="")
                ),
                name="scanfinding_override_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_severity_display()}·{self.get_kind_display()}·{self.location}"[:200]

    @property
    def is_overridden(self) -> bool:
        return self.overridden_at is not None

    @property
    def is_blocking(self) -> bool:
        return self.severity == self.Severity.HIGH and not self.is_overridden
