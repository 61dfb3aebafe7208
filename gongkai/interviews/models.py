"""在线访谈: the announcement, questions from the public (before and during, moderated), and the text
feed that is the live broadcast while the interview runs and the transcript by speaker afterwards."""

from django.conf import settings
from django.db import models

from gongkai.core.models import Agency


class Interview(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="interviews")
    title = models.CharField("访谈主题", max_length=200)
    announcement = models.TextField("访谈预告")
    guests = models.TextField("访谈嘉宾", help_text="每行一位：姓名（职务）")
    starts_at = models.DateTimeField("开始时间")
    ends_at = models.DateTimeField("结束时间")
    interpretation = models.ForeignKey(
        "interpretations.Interpretation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interviews",
        verbose_name="相关解读",
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "在线访谈"
        verbose_name_plural = "在线访谈"
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="interview_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def guest_list(self) -> list[str]:
        return [line.strip() for line in self.guests.splitlines() if line.strip()]


class QuestionState(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已采用"
    HIDDEN = "hidden", "未采用"
    ANSWERED = "answered", "已回答"


class Question(models.Model):
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="questions")
    name = models.CharField("网友昵称", max_length=40, blank=True)
    body = models.TextField("问题")
    asked_live = models.BooleanField("访谈中提问", default=False)
    state = models.CharField(
        "状态", max_length=10, choices=QuestionState.choices, default=QuestionState.PENDING
    )
    hidden_reason = models.CharField("未采用理由", max_length=200, blank=True)
    ip_hash = models.CharField(max_length=40, blank=True, db_index=True)
    submitted_at = models.DateTimeField(db_index=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return self.body[:30]


class Entry(models.Model):
    """One utterance: during the interview the live feed, afterwards the transcript (实录)."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="entries")
    speaker = models.CharField("发言人", max_length=60)
    text = models.TextField("内容")
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("时间", db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.speaker}：{self.text[:20]}"
