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
