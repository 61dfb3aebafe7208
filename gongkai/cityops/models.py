"""The city openness office's work across agencies (issue 18 items 8 and 9).

- `SupervisionNotice`: 督办通知 from the city office to one agency — a task with a deadline in working
  days, answered by the agency in its office; "overdue" is derived at read time from `due_on`.
- `TableSubmission`: the tables 二/三/四 of an agency whose annual report is not on the platform,
  uploaded from the official XLSX template or typed, checked exactly like computed tables before they
  are stored (ADR 0041). An agency that publishes its report on the platform needs none: its frozen
  snapshot is read.
"""

from django.conf import settings
from django.db import models

from gongkai.core.models import Agency


class SupervisionNotice(models.Model):
    # The agency supervised (the tenant whose staff see and answer it).
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="supervision_notices")
    issued_by_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name="发文机关"
    )
    subject = models.CharField("事项", max_length=200)
    body = models.TextField("督办内容")
    issued_on = models.DateField("发出日期")
    due_days = models.PositiveSmallIntegerField("办理期限（工作日）")
    due_on = models.DateField("办理期限")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answer = models.TextField("办理情况", blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "督办通知"
        verbose_name_plural = "督办通知"
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answered_on__isnull=True) | ~models.Q(answer=""),
                name="supervision_notice_answer_has_text",
            ),
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("issued_on")),
                name="supervision_notice_due_after_issue",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_answered(self) -> bool:
        return self.answered_on is not None


class TableSubmission(models.Model):
    class Source(models.TextChoices):
        UPLOAD = "upload", "上传 XLSX 模板"
        TYPED = "typed", "在线填写"

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="annual_table_submissions")
    year = models.PositiveSmallIntegerField("报告年度")
    source = models.CharField("报送方式", max_length=10, choices=Source.choices)
    # The canonical tables (rollup.py): {"table2": {...}, "table3": {row: {column: n}}, "table4": {...}}.
    tables = models.JSONField("统计表")
    submitted_on = models.DateField("报送日期")
    file_name = models.CharField("上传文件名", max_length=200, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "年报统计表报送"
        verbose_name_plural = "年报统计表报送"
        ordering = ["-year", "agency_id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="table_submission_one_per_year"),
            models.CheckConstraint(
                condition=models.Q(year__gte=2008) & models.Q(year__lte=2100),
                name="table_submission_year_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}:{self.year}"
