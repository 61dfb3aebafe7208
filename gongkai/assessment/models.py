"""Website self-inspection runs (国办秘函〔2019〕19号) and the result of each indicator in a run.

A run is a snapshot: its results keep the verdict, the rule as it was applied and the records or URLs
behind it, so the history of an indicator reads back exactly what the office was told that day.
"""

from django.conf import settings
from django.db import models

from gongkai.core.models import Agency


class Verdict(models.TextChoices):
    PASS = "pass", "合格"
    WARNING = "warning", "预警"
    FAIL = "fail", "不合格"
    NOT_AVAILABLE = "not_available", "无法检查"


class Trigger(models.TextChoices):
    SCHEDULED = "scheduled", "每日定时"
    ON_DEMAND = "on_demand", "人工发起"


class InspectionRun(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="inspection_runs")
    checked_at = models.DateTimeField("检查时间", db_index=True)
    trigger = models.CharField("发起方式", max_length=12, choices=Trigger.choices)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verdict = models.CharField("总体结论", max_length=15, choices=Verdict.choices)
    pages_crawled = models.PositiveIntegerField("抓取页面数", default=0)
    fail_count = models.PositiveSmallIntegerField("不合格项", default=0)
    warning_count = models.PositiveSmallIntegerField("预警项", default=0)

    class Meta:
        ordering = ["-checked_at", "-id"]
        verbose_name = "网站自查"

    def __str__(self) -> str:
        return f"网站自查 {self.checked_at:%Y-%m-%d %H:%M}"


class IndicatorResult(models.Model):
    run = models.ForeignKey(InspectionRun, on_delete=models.CASCADE, related_name="results")
    code = models.CharField("指标代码", max_length=40, db_index=True)
    name = models.CharField("指标", max_length=100)
    verdict = models.CharField("结论", max_length=15, choices=Verdict.choices)
    rule = models.TextField("判定规则")
    source = models.CharField("依据", max_length=200)
    summary = models.CharField("结果", max_length=300)
    measured = models.IntegerField("计数", null=True, blank=True)
    evidence = models.JSONField("记录或网址", default=list, blank=True)  # [{"label", "url", "detail"}]
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["run", "sort_order"]
        constraints = [models.UniqueConstraint(fields=["run", "code"], name="indicator_once_per_run")]

    def __str__(self) -> str:
        return f"{self.name}：{self.get_verdict_display()}"


class Period(models.TextChoices):
    QUARTER = "quarter", "季度"
    YEAR = "year", "年度"


class Scheme(models.Model):
    """The agency's assessment scheme (考核方案): weights and targets per measure, and the share of openness
    work in the unit's whole performance assessment (seed 六(二): not below 4 %)."""

    agency = models.OneToOneField(Agency, on_delete=models.PROTECT, related_name="assessment_scheme")
    openness_share = models.DecimalField("政务公开占绩效考核比重（%）", max_digits=5, decimal_places=2)
    period = models.CharField("考核周期", max_length=10, choices=Period.choices, default=Period.QUARTER)
    weights = models.JSONField("各项分值", default=dict)  # {measure code: points}
    targets = models.JSONField("各项达标线（%）", default=dict)  # {measure code: percent}
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "考核方案"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(openness_share__gte=4), name="scheme_openness_share_min_4"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} 考核方案"


class Deduction(models.Model):
    """察访核验 (spot check) deduction with its evidence."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="assessment_deductions")
    department = models.ForeignKey(
        "accounts.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="处室",
    )
    found_on = models.DateField("发现日期")
    points = models.DecimalField("扣分", max_digits=5, decimal_places=2)
    reason = models.CharField("扣分事由", max_length=300)
    evidence = models.TextField("证据（网址、截图说明、记录编号）")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-found_on", "-id"]
        verbose_name = "察访核验扣分"
        constraints = [
            models.CheckConstraint(condition=models.Q(points__gt=0), name="deduction_points_positive")
        ]

    def __str__(self) -> str:
        return f"{self.found_on} 扣 {self.points} 分：{self.reason}"
