"""征求意见 (决策预公开): the consultation, its draft articles and attachments, comments from every
channel, hearings, and the 意见收集和采纳情况 report. Consultations and reports are published through
the publication workflow (adapter.py); the comment window is a read-time rule (rules.phase)."""

from django.conf import settings
from django.db import models

from gongkai.accounts.models import Department
from gongkai.core.models import Agency


class Consultation(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="consultations")
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="承办处室"
    )
    title = models.CharField("草案名称", max_length=200)
    summary = models.TextField("内容简介", blank=True)
    basis = models.TextField("决策依据", blank=True)
    explanation = models.TextField("起草说明", blank=True)
    is_major = models.BooleanField("重大行政决策", default=False)
    opens_at = models.DateTimeField("开始时间")
    closes_at = models.DateTimeField("截止时间", db_index=True)
    is_urgent = models.BooleanField("情况紧急，缩短期限", default=False)
    urgency_reason = models.TextField("缩短期限的理由（公开）", blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    postal_address = models.CharField("通信地址", max_length=200, blank=True)
    report_due_on = models.DateField("采纳情况应公布日期", null=True, blank=True)
    closed_recorded_at = models.DateTimeField("截止记录时间", null=True, blank=True)
    reminded_on = models.DateField("最近提醒日期", null=True, blank=True)
    decision_title = models.CharField("最终决策文件", max_length=200, blank=True)
    decision_url = models.CharField("最终决策网址", max_length=300, blank=True)
    decided_on = models.DateField("决策日期", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"
        ordering = ["-opens_at", "-id"]
        # The city portal's latest list reads all agencies' consultations newest first (issue 18 item 11).
        indexes = [models.Index(fields=["opens_at", "id"], name="consultation_opens_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="consultation_closes_after_opening",
            ),
            # 重大行政决策程序暂行条例 Art. 15: a shortened window is explained in public.
            models.CheckConstraint(
                condition=models.Q(is_urgent=False) | ~models.Q(urgency_reason=""),
                name="consultation_urgent_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ArticleFinalState(models.TextChoices):
    UNCHANGED = "unchanged", "未修改"
    AMENDED = "amended", "已修改"
    DELETED = "deleted", "已删除"
    ADDED = "added", "新增"


class Article(models.Model):
    """One 条 of the draft and, after the decision, of the final text (for the comparison)."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="articles")
    position = models.PositiveSmallIntegerField("序号")
    text = models.TextField("草案条文", blank=True)
    final_state = models.CharField(
        "定稿情况", max_length=10, choices=ArticleFinalState.choices, default=ArticleFinalState.UNCHANGED
    )
    final_text = models.TextField("定稿条文", blank=True)

    class Meta:
        verbose_name = "条文"
        verbose_name_plural = "条文"
        ordering = ["consultation_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "position"], name="article_position_unique")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        from .rules import chinese_ordinal

        return f"第{chinese_ordinal(self.position)}条"

    @property
    def final(self) -> str:
        if self.final_state == ArticleFinalState.UNCHANGED:
            return self.text
        return "" if self.final_state == ArticleFinalState.DELETED else self.final_text


class Attachment(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="consultations/%Y/")
    original_name = models.CharField("文件名", max_length=200)
    mime = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "草案附件"
        verbose_name_plural = "草案附件"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class Channel(models.TextChoices):
    WEB = "web", "网站留言"
    EMAIL = "email", "电子邮件"
    LETTER = "letter", "信函"
    HEARING = "hearing", "听证会"
    OTHER = "other", "座谈会等其他方式"


class CommentState(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已公开"
    HIDDEN = "hidden", "不予公开"


class Disposition(models.TextChoices):
    ADOPTED = "adopted", "采纳"
    PARTLY = "partly", "部分采纳"
    NOT_ADOPTED = "not_adopted", "未采纳"
    OUT_OF_SCOPE = "out_of_scope", "不属于征求范围"


class Comment(models.Model):
    """One opinion received through any channel; web comments are moderated before they are shown."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="comments")
    article = models.ForeignKey(
        Article,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comments",
        verbose_name="针对条文",
    )
    channel = models.CharField("渠道", max_length=10, choices=Channel.choices, default=Channel.WEB)
    name = models.CharField("姓名或单位", max_length=60, blank=True)
    contact = models.CharField("联系方式", max_length=100, blank=True)
    body = models.TextField("意见内容")
    public_body = models.TextField("公开的内容", blank=True, help_text="审核时可遮盖个人信息")
    state = models.CharField(
        "状态", max_length=10, choices=CommentState.choices, default=CommentState.PENDING, db_index=True
    )
    hidden_reason = models.CharField("不予公开的理由", max_length=300, blank=True)
    spam_flags = models.CharField("疑似垃圾信息", max_length=200, blank=True)
    ip_hash = models.CharField(max_length=40, blank=True, db_index=True)
    contact_hash = models.CharField(max_length=40, blank=True, db_index=True)
    token_hash = models.CharField(max_length=64, blank=True)
    submitted_at = models.DateTimeField("提交时间", db_index=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="登记人",
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    disposition = models.CharField("处理意见", max_length=15, choices=Disposition.choices, blank=True)
    disposition_reason = models.TextField("理由", blank=True)
    group_label = models.CharField("同类意见归并", max_length=100, blank=True)
    changed_article = models.ForeignKey(
        Article,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="changed_by_comments",
        verbose_name="据此修改的条文",
    )
    disposed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "意见"
        verbose_name_plural = "意见"
        ordering = ["submitted_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="hidden") | ~models.Q(hidden_reason=""),
                name="comment_hidden_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(disposition="") | ~models.Q(disposition_reason=""),
                name="comment_disposition_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"意见 {self.pk}"

    @property
    def shown_text(self) -> str:
        return self.public_body or self.body


class Hearing(models.Model):
    """听证会 (重大行政决策程序暂行条例 Arts. 16-17)."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="hearings")
    held_at = models.DateTimeField("召开时间")
    place = models.CharField("地点", max_length=200)
    notice = models.TextField("听证公告")
    selection_method = models.TextField("听证参加人遴选办法", blank=True)
    participants = models.TextField("听证参加人名单", blank=True, help_text="每行一人：姓名（单位或身份）")
    materials_sent_on = models.DateField("听证材料送达日期", null=True, blank=True)
    minutes = models.TextField("听证会记录", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "听证会"
        verbose_name_plural = "听证会"
        ordering = ["held_at"]

    def __str__(self) -> str:
        return f"{self.consultation} 听证会"

    @property
    def participant_list(self) -> list[str]:
        return [line.strip() for line in self.participants.splitlines() if line.strip()]


class AdoptionReport(models.Model):
    """意见收集和采纳情况: generated from the dispositions, published through the workflow."""

    consultation = models.OneToOneField(Consultation, on_delete=models.CASCADE, related_name="report")
    introduction = models.TextField("说明", blank=True)
    snapshot = models.JSONField("统计", default=dict)
    generated_at = models.DateTimeField("生成时间")
    published_at = models.DateTimeField("公布时间", null=True, blank=True)

    class Meta:
        verbose_name = "意见采纳情况"
        verbose_name_plural = "意见采纳情况"

    def __str__(self) -> str:
        return f"关于《{self.consultation.title}》征求意见采纳情况的说明"

    @property
    def agency(self):
        return self.consultation.agency

    @property
    def title(self) -> str:
        return str(self)


class ConsultationEvent(models.Model):
    """Timeline: opened/closed recorded, reminders, report generated, decision linked."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="events")
    verb = models.CharField(max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.verb
