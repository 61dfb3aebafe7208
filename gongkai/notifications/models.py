"""Who hears of what: citizens' confirmed e-mail subscriptions, staff's delivery preferences and digest.

Every message itself goes through the outbox; this app decides to whom and when (ADR 0028).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.core.models import Agency


class Subscription(models.Model):
    """One e-mail address subscribed to one topic (a kind of published content) of one agency.

    Confirmed by a signed link before anything is sent (double opt-in); one click unsubscribes.
    """

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField("电子邮箱")
    topic = models.CharField(
        "订阅内容", max_length=60
    )  # a publishable model label, e.g. catalogue.itemrevision
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    ip_fingerprint = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "email", "topic"], name="subscription_unique_per_topic")
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.topic}"

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class FanOut(models.Model):
    """Marks a publication whose subscribers have been written to the outbox (exactly once)."""

    workflow = models.OneToOneField("publishing.Workflow", on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.workflow_id} → {self.recipients}"


class StaffPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    by_email = models.BooleanField("电子邮件", default=True)
    by_sms = models.BooleanField("短信", default=False)
    mobile = models.CharField("手机号码", max_length=20, blank=True)
    daily_digest = models.BooleanField("每日汇总（不逐条发送）", default=False)

    def __str__(self) -> str:
        return str(self.user)


class DigestEntry(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=60)
    subject = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.subject
