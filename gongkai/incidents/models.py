"""政务舆情: incidents, their immutable releases and their timeline (ADR 0029)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.core.models import Agency

from . import clocks


class Severity(models.TextChoices):
    SPECIAL_MAJOR = clocks.SPECIAL_MAJOR, "特别重大"
    MAJOR = clocks.MAJOR, "重大"
    LARGE = clocks.LARGE, "较大"
    GENERAL = clocks.GENERAL, "一般"


class Source(models.TextChoices):
    NEWS = "news", "新闻媒体"
    WEIBO = "weibo", "微博"
    WECHAT = "wechat", "微信"
    VIDEO = "video", "短视频平台"
    FORUM = "forum", "论坛、贴吧"
    MESSAGE = "message", "网站留言"
    HOTLINE = "hotline", "12345热线"
    SUPERIOR = "superior", "上级转办"
    OTHER = "other", "其他"


class Incident(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "处置中"
        CLOSED = "closed", "已结束"

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="incidents")
    title = models.CharField("舆情标题", max_length=200)
    source = models.CharField("来源", max_length=20, choices=Source.choices)
    link = models.URLField("原始链接", max_length=500, blank=True)
    first_seen_at = models.DateTimeField("发现时间")  # every clock starts here
    summary = models.TextField("舆情概要")
    topic = models.CharField("涉及主题", max_length=100, blank=True)
    departments = models.ManyToManyField(
        "accounts.Department", blank=True, related_name="+", verbose_name="责任处室"
    )
    severity = models.CharField("级别", max_length=20, choices=Severity.choices)
    severity_reason = models.TextField("定级理由")
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="分管领导",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    press_conference_at = models.DateTimeField("新闻发布会时间", null=True, blank=True)
    press_conference_note = models.CharField("新闻发布会说明", max_length=300, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closing_summary = models.TextField("处置总结", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-first_seen_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="open") | models.Q(closed_at__isnull=False),
                name="incident_closed_has_time",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Release(models.Model):
    """An authoritative release (权威信息/回应). Immutable once published: a correction is a new release
    that supersedes it, with the reason (issue 15, item 1)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="releases")
    number = models.PositiveSmallIntegerField("序号")
    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文")
    supersedes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
        verbose_name="更正的发布",
    )
    correction_reason = models.TextField("更正理由", blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["incident", "number"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "number"], name="incident_release_number_unique"),
            models.CheckConstraint(
                condition=models.Q(supersedes__isnull=True) | ~models.Q(correction_reason=""),
                name="incident_correction_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.incident}（第 {self.number} 次发布）"

    @property
    def department(self):  # publishing scopes by department; a release belongs to the whole agency
        return None


class IncidentEvent(models.Model):
    """The timeline: registered, severity changed, release published, warned, escalated, closed."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="events")
    verb = models.CharField(max_length=40)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    key = models.CharField(max_length=80, blank=True)  # makes a warning/escalation happen once

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "key"], condition=~models.Q(key=""), name="incident_event_key_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.verb} {self.at:%Y-%m-%d %H:%M}"
