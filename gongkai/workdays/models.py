"""The yearly holiday table.

The calendar is global on purpose, unlike every other Gongkai record: the State Council's yearly
notice (国务院办公厅关于某年部分节假日安排的通知) binds every agency in the country alike, and a deadline
must not depend on which agency's copy of the schedule an administrator kept up to date. So there is
no agency foreign key here; ADR 0007.
"""

from django.db import models

from .statutory import MAX_YEAR, MIN_YEAR


class HolidayYear(models.Model):
    class Status(models.TextChoices):
        ANNOUNCED = "announced", "已公布"
        PROVISIONAL = "provisional", "暂定（未公布）"

    year = models.PositiveSmallIntegerField("年份", unique=True)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.PROVISIONAL)
    source_note = models.CharField(
        "依据", max_length=200, blank=True, help_text="例如：国务院办公厅关于2026年部分节假日安排的通知"
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "节假日年度"
        verbose_name_plural = "节假日年度"
        ordering = ["year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR), name="holiday_year_in_range"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="announced") | ~models.Q(source_note=""),
                name="holiday_year_announced_has_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年（{self.get_status_display()}）"

    @property
    def is_announced(self) -> bool:
        return self.status == self.Status.ANNOUNCED


class SpecialDay(models.Model):
    class Kind(models.TextChoices):
        STATUTORY_HOLIDAY = "statutory_holiday", "放假"
        MAKEUP_WORKDAY = "makeup_workday", "调休上班"

    year = models.ForeignKey(HolidayYear, on_delete=models.CASCADE, related_name="days", verbose_name="年度")
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    name = models.CharField("节日", max_length=60, help_text="例如：春节")

    class Meta:
        verbose_name = "节假日或调休日"
        verbose_name_plural = "节假日和调休日"
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["statutory_holiday", "makeup_workday"]),
                name="special_day_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}（{self.get_kind_display()}）"
