"""权力清单 and 责任清单 (one 权责清单 per agency), kept as versions.

A published version is never edited: a change (调整) is a new version with a change note and an
effective date, published through the publication workflow; every past version stays public and any
two can be compared (REQUIREMENTS C3).
"""

from django.conf import settings
from django.db import models

from gongkai.core.models import Agency


class PowerType(models.TextChoices):
    LICENSING = "licensing", "行政许可"
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    INSPECTION = "inspection", "行政检查"
    CONFIRMATION = "confirmation", "行政确认"
    REWARD = "reward", "行政奖励"
    OTHER = "other", "其他行政权力"


class VersionStatus(models.TextChoices):
    """Mirror of the publication fact (the workflow is the authority on the process)."""

    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "现行版本"
    SUPERSEDED = "superseded", "历史版本"
    WITHDRAWN = "withdrawn", "已撤回"


PUBLIC_STATUSES = (VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED)


class PowerList(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    title = models.CharField("清单名称", max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    # The list is the whole agency's, of no department: the guard gives it to the agency-wide roles, so
    # a 承办人 is refused before an adjustment starts (publishing opens no workflow for them either).
    guard_unassigned_is_office = True

    class Meta:
        verbose_name = "权责清单"
        verbose_name_plural = "权责清单"
        constraints = [models.UniqueConstraint(fields=["agency"], name="power_list_one_per_agency")]

    def __str__(self) -> str:
        return self.title


class ListVersion(models.Model):
    power_list = models.ForeignKey(PowerList, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    change_note = models.TextField("调整说明")
    effective_on = models.DateField("生效日期")
    status = models.CharField(
        "状态", max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    withdrawal_reason = models.CharField("撤回原因", max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "权责清单版本"
        verbose_name_plural = "权责清单版本"
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["power_list", "number"], name="list_version_number_unique"),
            models.CheckConstraint(condition=~models.Q(change_note=""), name="list_version_has_change_note"),
        ]

    def __str__(self) -> str:
        return f"{self.power_list.title}（第 {self.number} 版）"

    @property
    def agency(self):
        return self.power_list.agency

    @property
    def title(self) -> str:
        return str(self)


class PowerItem(models.Model):
    """One 职权 of a version: its power (权力清单) and its responsibility (责任清单) columns."""

    version = models.ForeignKey(ListVersion, on_delete=models.CASCADE, related_name="items")
    code = models.CharField("职权编码", max_length=40)
    name = models.CharField("职权名称", max_length=200)
    power_type = models.CharField("职权类型", max_length=20, choices=PowerType.choices)
    content = models.TextField("职权内容", blank=True)
    acting_body = models.CharField("行使主体", max_length=200)
    basis = models.TextField("法律依据")
    basis_url = models.URLField("法律依据链接", max_length=500, blank=True)
    duties = models.TextField("责任事项", blank=True)
    accountability = models.TextField("追责情形", blank=True)
    process = models.TextField("办理流程", blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "职权事项"
        verbose_name_plural = "职权事项"
        ordering = ["version_id", "sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="power_item_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
