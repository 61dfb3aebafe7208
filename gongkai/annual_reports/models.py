"""政府信息公开工作年度报告 (条例 Arts. 49-50; format 国办公开办函〔2021〕30号).

One report per agency and year. Staff write the narrative sections and enter the figures of table 二
that no record in Gongkai holds; tables 二/三/四 are computed from the records and frozen into
`snapshot` when the report is published (ADR 0017): a published report never changes afterwards.
"""

from django.conf import settings
from django.db import models

from gongkai.core.models import Agency


class Status(models.TextChoices):
    """Mirror of the publication fact (the workflow is the authority on the process)."""

    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"


class AnnualReport(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("报告年度")
    # 一 / 五 / 六 are narrative only; 二 has an optional narrative above its table.
    overview = models.TextField("一、总体情况", blank=True)
    proactive_note = models.TextField("二、主动公开政府信息情况（说明）", blank=True)
    problems = models.TextField("五、存在的主要问题及改进情况", blank=True)
    other_matters = models.TextField("六、其他需要报告的事项", blank=True)
    # Table 二 figures that no record in Gongkai holds (entered by staff; NULL = not entered yet).
    rules_issued = models.PositiveIntegerField("规章 本年制发件数", null=True, blank=True)
    rules_repealed = models.PositiveIntegerField("规章 本年废止件数", null=True, blank=True)
    rules_in_force = models.PositiveIntegerField("规章 现行有效件数", null=True, blank=True)
    licensing_decisions = models.PositiveIntegerField("行政许可 本年处理决定数量", null=True, blank=True)
    penalty_decisions = models.PositiveIntegerField("行政处罚 本年处理决定数量", null=True, blank=True)
    coercion_decisions = models.PositiveIntegerField("行政强制 本年处理决定数量", null=True, blank=True)
    fees_amount = models.DecimalField(
        "行政事业性收费 本年收费金额（万元）", max_digits=12, decimal_places=4, null=True, blank=True
    )
    # Who typed each table 二 figure and when ({field: {"by": name, "at": iso}}); a typed figure
    # replaces the one computed from the records and is marked as entered by hand (issue 13).
    manual_entries = models.JSONField("手工填写记录", default=dict, blank=True)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    # Tables 二/三/四 as published (set only by services.record_publication).
    snapshot = models.JSONField("发布时的统计表", null=True, blank=True)
    withdrawal_reason = models.CharField("撤回原因", max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="annual_report_one_per_year"),
            models.CheckConstraint(
                condition=models.Q(year__gte=2008) & models.Q(year__lte=2100), name="annual_report_year_range"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published")
                | (models.Q(published_at__isnull=False) & models.Q(snapshot__isnull=False)),
                name="annual_report_published_is_frozen",
            ),
            models.CheckConstraint(
                condition=models.Q(fees_amount__isnull=True) | models.Q(fees_amount__gte=0),
                name="annual_report_fees_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年政府信息公开工作年度报告"

    @property
    def title(self) -> str:
        agency = getattr(self, "agency", None)
        return f"{agency.name if agency else ''}{self.year}年政府信息公开工作年度报告"
