"""The outbox: one durable row per message that must reach a person or another system (ADR 0028).

A row is written in the same transaction as the event that causes it, so a message exists exactly when
its cause does; `dedupe_key` is unique, so one event never yields the same message twice.
"""

from django.db import models
from django.utils import timezone


class Channel(models.TextChoices):
    EMAIL = "email", "电子邮件"
    SMS = "sms", "短信"
    WEBHOOK = "webhook", "Webhook（新媒体及其他系统）"


class Status(models.TextChoices):
    PENDING = "pending", "待发送"
    SENDING = "sending", "发送中"
    RETRYING = "retrying", "发送失败，待重试"
    SENT = "sent", "已送达"
    DEAD = "dead", "已放弃"


class WebhookEndpoint(models.Model):
    """A receiver of signed webhooks: a new-media publishing bridge or another system."""

    agency = models.ForeignKey("core.Agency", on_delete=models.CASCADE, related_name="webhook_endpoints")
    name = models.CharField("名称", max_length=100)
    url = models.URLField("接收地址", max_length=500)
    secret = models.CharField("签名密钥", max_length=128)
    is_active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = "Webhook 接收端"

    def __str__(self) -> str:
        return self.name


class OutboxMessage(models.Model):
    agency = models.ForeignKey("core.Agency", on_delete=models.CASCADE, null=True, related_name="+")
    channel = models.CharField("渠道", max_length=10, choices=Channel.choices)
    kind = models.CharField("类别", max_length=60)  # e.g. foi.answered, incident.warning
    dedupe_key = models.CharField(max_length=200, unique=True)
    recipient = models.CharField("接收方", max_length=320)
    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.PROTECT, null=True, blank=True)
    subject = models.CharField("标题", max_length=300, blank=True)
    body = models.TextField("正文", blank=True)
    payload = models.JSONField(default=dict, blank=True)  # the webhook's JSON body
    # The body carries a citizen's secret link (core.secret_links): shown masked to staff, and the
    # token is removed from the stored body once the message is sent or given up (ADR 0032).
    holds_secret = models.BooleanField(default=False)
    source_type = models.CharField(max_length=60, blank=True)
    source_id = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    lease_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(channel="webhook") | models.Q(endpoint__isnull=False),
                name="outbox_webhook_has_endpoint",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="outbox_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.recipient}: {self.subject or self.kind}"


class OutboxAttachment(models.Model):
    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()

    def __str__(self) -> str:
        return self.filename


class DeliveryAttempt(models.Model):
    """Every try, kept: an attempt with no `finished_at` was interrupted (the worker died mid-delivery)."""

    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="delivery_attempts")
    number = models.PositiveSmallIntegerField()
    worker = models.CharField(max_length=80, blank=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    ok = models.BooleanField(default=False)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["message", "number"], name="outbox_attempt_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.message_id} #{self.number}"
