"""A publication workflow per content object, and its event timeline (ADR 0009)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from gongkai.accounts.models import Department
from gongkai.core.models import Agency

from .states import OPEN_STATES, State


class Workflow(models.Model):
    """One pass of one content object (e.g. an ItemRevision) from draft to published/withdrawn.

    The state is changed only by `publishing.services`; every change writes a WorkflowEvent.
    """

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name="机关")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content = GenericForeignKey("content_type", "object_id")
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.DRAFT, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="承办人"
    )
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="处室"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="保密审查人",
    )
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="审批人",
    )
    title = models.CharField("标题", max_length=300, blank=True, help_text="提交时从内容复制，供列表显示")
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    reviewed_at = models.DateTimeField("审查时间", null=True, blank=True)
    approved_at = models.DateTimeField("批准时间", null=True, blank=True)
    publish_at = models.DateTimeField("定时发布时间", null=True, blank=True, db_index=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True, db_index=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdrawal_reason = models.TextField("撤回理由（公开）", blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "发布流程"
        verbose_name_plural = "发布流程"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="workflow_content_idx")]
        constraints = [
            # 一个对象同时只能有一个进行中的发布流程 (issue 3, item 3).
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=models.Q(state__in=sorted(s.value for s in OPEN_STATES)),
                name="workflow_one_open_per_object",
            ),
            models.CheckConstraint(
                condition=~models.Q(state=State.WITHDRAWN.value) | ~models.Q(withdrawal_reason=""),
                name="workflow_withdrawal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title or self.content_type.name} · {self.get_state_display()}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def state_label(self) -> str:
        """The state as staff read it, at read time like the embargo: approved content waiting for its
        minute is "已批准，待发布 (minute)" — never 已发布 before that minute (issue 11 item 12)."""
        if self.state == State.SCHEDULED and self.publish_at is not None:
            if self.publish_at <= timezone.now():
                return State.PUBLISHED.label
            return f"已批准，待发布（{timezone.localtime(self.publish_at):%Y-%m-%d %H:%M}）"
        return self.get_state_display()


class WorkflowEvent(models.Model):
    """The timeline of a workflow: one row per transition, written in the same transaction."""

    workflow = models.ForeignKey(Workflow, on_delete=models.CASCADE, related_name="events")
    verb = models.CharField("动作", max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="操作人",
    )
    from_state = models.CharField("原状态", max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField("新状态", max_length=20, choices=State.choices)
    note = models.TextField("说明", blank=True)
    at = models.DateTimeField("时间", db_index=True)

    class Meta:
        verbose_name = "发布流程记录"
        verbose_name_plural = "发布流程记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.verb} {self.from_state}→{self.to_state}"


class SubstituteApprover(models.Model):
    """代理审批人: a person an administrator names to approve the agency's publications when its
    分管领导 cannot (the only approver drafted the item himself, is away, or the post is vacant).

    The four-eyes rule still holds for the substitute (never the author). One substitute at a time per
    agency; ending one keeps the row as history (`ended_at`)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name="机关")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="代理审批人"
    )
    reason = models.TextField("指定理由")
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="指定人"
    )
    named_at = models.DateTimeField("指定时间")
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="取消人",
    )
    ended_at = models.DateTimeField("取消时间", null=True, blank=True)

    class Meta:
        verbose_name = "代理审批人"
        verbose_name_plural = "代理审批人"
        ordering = ["-named_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency"], condition=models.Q(ended_at__isnull=True), name="one_substitute_approver"
            ),
        ]

    def __str__(self) -> str:
        return f"代理审批人 {self.user}"
