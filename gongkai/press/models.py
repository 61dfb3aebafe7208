"""新闻发言人与新闻发布会 (seed 五): spokespersons, press conferences with a live text feed and transcript,
media registration, and media interview requests with a reply deadline (ADR 0029)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.core.models import Agency


class Spokesperson(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="spokespersons")
    name = models.CharField("姓名", max_length=50)
    position = models.CharField("职务", max_length=100)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    is_active = models.BooleanField("在任", default=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return f"{self.name}（{self.position}）"


class Conference(models.Model):
    """A press conference: its notice is published through the workflow; entries make the live feed and,
    afterwards, the transcript. It may answer an incident (and then meets its 24-hour clock)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    title = models.CharField("发布会名称", max_length=200)
    topic = models.TextField("发布内容")
    starts_at = models.DateTimeField("开始时间")
    ends_at = models.DateTimeField("结束时间")
    location = models.CharField("地点", max_length=200)
    speakers = models.TextField("发布人", help_text="每行一人：姓名（职务）")
    registration_open = models.BooleanField("接受媒体报名", default=True)
    incident = models.ForeignKey(
        "incidents.Incident",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="回应的舆情",
    )
    data_release = models.ForeignKey(
        "opendata.Release",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="相关数据发布",
    )
    interpretation = models.ForeignKey(
        "interpretations.Interpretation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="相关政策解读",
    )
    held_at = models.DateTimeField("实际举行时间", null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="conference_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def department(self):
        return None


class Entry(models.Model):
    """One line of the live feed / transcript: a statement, a reporter's question or an answer."""

    class Kind(models.TextChoices):
        STATEMENT = "statement", "发布"
        QUESTION = "question", "记者提问"
        ANSWER = "answer", "答问"
        HOST = "host", "主持"

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    speaker = models.CharField("发言人", max_length=100)
    outlet = models.CharField("媒体", max_length=100, blank=True)
    text = models.TextField("内容")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.speaker}：{self.text[:20]}"


class Attachment(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField("名称", max_length=200)
    file = models.FileField(upload_to="press/attachments/")
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)

    def __str__(self) -> str:
        return self.title


class Registration(models.Model):
    """A journalist's registration for a conference (media only; checked by the office)."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="registrations")
    outlet = models.CharField("媒体名称", max_length=100)
    reporter = models.CharField("记者姓名", max_length=50)
    press_card = models.CharField("记者证号", max_length=40, blank=True)
    phone = models.CharField("联系电话", max_length=30)
    ip_fingerprint = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.outlet} {self.reporter}"


class MediaRequest(models.Model):
    """媒体采访申请: registered, answered (accepted or declined with a reason) by its deadline."""

    class Status(models.TextChoices):
        PENDING = "pending", "待答复"
        ACCEPTED = "accepted", "同意采访"
        DECLINED = "declined", "不安排采访"

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    outlet = models.CharField("媒体名称", max_length=100)
    reporter = models.CharField("记者姓名", max_length=50)
    phone = models.CharField("联系电话", max_length=30)
    email = models.EmailField("电子邮箱", blank=True)
    topic = models.CharField("采访主题", max_length=200)
    detail = models.TextField("采访提纲")
    submitted_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField("答复期限")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    answer = models.TextField("答复", blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    ip_fingerprint = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="pending") | ~models.Q(answer=""),
                name="media_request_answer_has_text",
            )
        ]

    def __str__(self) -> str:
        return f"{self.outlet}：{self.topic}"
