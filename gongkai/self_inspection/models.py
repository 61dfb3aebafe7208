"""The annual self-inspection (年度自查, seed 四(一)): one campaign per agency and year, its entries (every
withheld or often-requested piece of information of the year) and its review of the negative list."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from gongkai.catalogue.models import InformationItem, ItemRevision
from gongkai.confidentiality.models import NegativeListEntry
from gongkai.core.models import Agency

from .rules import Decision, Kind, ReviewOutcome, Status, article


class Campaign(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name="机关")
    year = models.PositiveSmallIntegerField("自查年度")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.OPEN)
    conclusion = models.TextField("自查整改情况", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+", verbose_name="发起人"
    )
    created_at = models.DateTimeField("发起时间", auto_now_add=True)
    collected_at = models.DateTimeField("清单更新时间", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="完成人",
    )
    closed_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "年度自查"
        verbose_name_plural = "年度自查"
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="self_inspection_one_per_year"),
            models.CheckConstraint(
                condition=models.Q(status="open", closed_at__isnull=True)
                | (models.Q(status="closed", closed_at__isnull=False) & ~models.Q(conclusion="")),
                name="self_inspection_closed_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} 年度政务公开自查"


class Entry(models.Model):
    """One piece of information under review, with the decision a named person took on it."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name="机关")
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField("来源", max_length=30, choices=Kind.choices)
    source_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    source_id = models.CharField(max_length=64)
    source = GenericForeignKey("source_type", "source_id")
    reference = models.CharField("编号", max_length=60, blank=True, help_text="索引号或申请编号")
    title = models.CharField("信息名称", max_length=300)
    detail = models.TextField("不公开的情况", blank=True)
    occurred_on = models.DateField("发生日期", null=True, blank=True)
    department_name = models.CharField("处室", max_length=100, blank=True)
    decision = models.CharField("自查决定", max_length=20, choices=Decision.choices, blank=True)
    article = models.CharField("依据条款", max_length=20, blank=True)
    reason = models.TextField("决定理由", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="决定人",
    )
    decided_at = models.DateTimeField("决定时间", null=True, blank=True)
    item = models.ForeignKey(
        InformationItem,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="政府信息",
    )
    # 转为主动公开: the draft that goes through the publication workflow.
    revision = models.ForeignKey(
        ItemRevision,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="公开版本",
    )

    class Meta:
        verbose_name = "自查事项"
        verbose_name_plural = "自查事项"
        ordering = ["campaign_id", "kind", "occurred_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "kind", "source_type", "source_id"], name="self_inspection_entry_once"
            ),
            models.CheckConstraint(
                condition=(models.Q(decision="") & models.Q(decided_by__isnull=True))
                | (~models.Q(decision="") & models.Q(decided_by__isnull=False) & ~models.Q(reason="")),
                name="self_inspection_decision_named",
            ),
            models.CheckConstraint(
                condition=~models.Q(decision="keep_withheld") | ~models.Q(article=""),
                name="self_inspection_keep_has_article",
            ),
            models.CheckConstraint(
                condition=~models.Q(decision="already_public") | models.Q(item__isnull=False),
                name="self_inspection_public_has_item",
            ),
            models.CheckConstraint(
                condition=~models.Q(decision="publish") | models.Q(revision__isnull=False),
                name="self_inspection_publish_has_draft",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_decided(self) -> bool:
        return bool(self.decision)

    @property
    def article_citation(self) -> str:
        found = article(self.article)
        return found.citation if found else ""


class NegativeListReview(models.Model):
    """The campaign's review of one negative-list matter: kept, changed or removed, with a reason."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name="机关")
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="negative_reviews")
    entry = models.ForeignKey(
        NegativeListEntry, on_delete=models.PROTECT, related_name="+", verbose_name="负面清单事项"
    )
    matter = models.CharField("事项（审查时）", max_length=200)
    legal_basis = models.CharField("法律依据（审查时）", max_length=300)
    outcome = models.CharField("审查结果", max_length=10, choices=ReviewOutcome.choices, blank=True)
    reason = models.TextField("审查理由", blank=True)
    changes = models.JSONField("修改内容", default=dict, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="审查人",
    )
    decided_at = models.DateTimeField("审查时间", null=True, blank=True)

    class Meta:
        verbose_name = "负面清单审查"
        verbose_name_plural = "负面清单审查"
        ordering = ["campaign_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "entry"], name="self_inspection_review_once"),
            models.CheckConstraint(
                condition=(models.Q(outcome="") & models.Q(decided_by__isnull=True))
                | (~models.Q(outcome="") & models.Q(decided_by__isnull=False) & ~models.Q(reason="")),
                name="self_inspection_review_named",
            ),
        ]

    def __str__(self) -> str:
        return self.matter
