"""Public messages (留言: 咨询 / 建言 / 投诉) with routing, reply SLA, publication and satisfaction."""

from django.conf import settings
from django.db import models

from gongkai.accounts.models import Department
from gongkai.core.models import Agency

from .states import State


class Category(models.TextChoices):
    CONSULTATION = "consultation", "咨询"
    SUGGESTION = "suggestion", "建言"
    COMPLAINT = "complaint", "投诉"


class Moderation(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "可公开"
    HIDDEN = "hidden", "不公开"


class Rating(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class Message(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="public_messages")
    number = models.CharField("留言编号", max_length=20, unique=True, null=True, blank=True)
    category = models.CharField("类别", max_length=15, choices=Category.choices)
    subject = models.CharField("标题", max_length=100)
    body = models.TextField("留言内容")
    name = models.CharField("姓名", max_length=60, blank=True)
    contact = models.CharField("联系方式", max_length=100, blank=True)
    wants_publication = models.BooleanField("同意公开", default=False)
    state = models.CharField(
        "状态", max_length=10, choices=State.choices, default=State.RECEIVED, db_index=True
    )
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="承办处室"
    )
    received_at = models.DateTimeField("收到时间", db_index=True)
    warn_on = models.DateField("预警日期")
    due_on = models.DateField("答复期限", db_index=True)
    reply = models.TextField("答复内容", blank=True)
    replied_at = models.DateTimeField("答复时间", null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rejection_reason = models.CharField("不予受理理由", max_length=300, blank=True)
    moderation = models.CharField(
        "公开审核", max_length=10, choices=Moderation.choices, default=Moderation.PENDING
    )
    public_body = models.TextField("公开的留言内容", blank=True)
    warned_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    rating = models.CharField("满意度", max_length=12, choices=Rating.choices, blank=True)
    rating_note = models.CharField("评价说明", max_length=300, blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    ip_hash = models.CharField(max_length=40, blank=True, db_index=True)
    contact_hash = models.CharField(max_length=40, blank=True, db_index=True)
    token_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = "留言"
        verbose_name_plural = "留言"
        ordering = ["-received_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="replied")
                | (~models.Q(reply="") & models.Q(replied_at__isnull=False)),
                name="message_replied_has_reply",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="rejected") | ~models.Q(rejection_reason=""),
                name="message_rejected_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number or self.pk} {self.subject}"

    @property
    def is_public(self) -> bool:
        """Published when the writer agreed, the content passed moderation and it was answered."""
        return (
            self.wants_publication and self.moderation == Moderation.APPROVED and self.state == State.REPLIED
        )

    @property
    def shown_body(self) -> str:
        return self.public_body or self.body


class MessageEvent(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="events")
    verb = models.CharField(max_length=30)
    from_state = models.CharField(max_length=10, blank=True)
    to_state = models.CharField(max_length=10, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.verb

    VERB_LABELS = {
        "received": "收到留言",
        "assign": "分办",
        "reply": "答复",
        "reject": "不予受理",
        "warned": "即将到期提醒",
        "escalated": "逾期督办",
        "moderated": "公开审核",
        "rated": "满意度评价",
        "link_reissued": "重新取得查询链接",
    }

    @property
    def label(self) -> str:
        return self.VERB_LABELS.get(self.verb, self.verb)


class LinkRecoveryAttempt(models.Model):
    """One attempt to recover a lost tracking link (留言编号 + the contact given). Counted for the rate
    limit, whether or not it matched; only keyed hashes are kept, never what was typed."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    ip_hash = models.CharField(max_length=40, blank=True, db_index=True)
    number = models.CharField(max_length=40, blank=True, db_index=True)
    succeeded = models.BooleanField(default=False)
    at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "查询链接找回记录"
        verbose_name_plural = "查询链接找回记录"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.number} {self.at:%Y-%m-%d %H:%M}"
