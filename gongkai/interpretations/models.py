"""政策解读 (policy interpretations): “谁起草、谁解读” and 三同步 (国办发〔2016〕80号).

An interpretation belongs to the policy it interprets (a catalogue `InformationItem`, linked both ways)
and goes through the same publication workflow as the policy. A waiver records an approving leader's
decision to publish a policy revision marked as needing interpretation without a synchronous one.
"""

from django.conf import settings
from django.db import models

from gongkai.accounts.models import Department
from gongkai.catalogue.models import InformationItem, ItemRevision
from gongkai.core.models import Agency


class Form(models.TextChoices):
    TEXT = "text", "文字解读"
    QA = "qa", "问答"
    GRAPHIC = "graphic", "图解"
    MEDIA = "media", "音视频解读"
    INTERVIEW = "interview", "在线访谈"


class Status(models.TextChoices):
    """Mirror of the publication fact (the workflow is the authority on the process)."""

    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"


class Timing(models.TextChoices):
    """When the interpretation became public relative to its policy (recorded at publication)."""

    WITH_POLICY = "with_policy", "与政策同步发布"
    ON_TIME = "on_time", "政策发布后按时解读"
    LATE = "late", "政策发布后逾期解读"


class Interpretation(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    policy = models.ForeignKey(
        InformationItem,
        on_delete=models.PROTECT,
        related_name="interpretations",
        verbose_name="所解读的政策文件",
    )
    form = models.CharField("解读形式", max_length=20, choices=Form.choices, default=Form.TEXT)
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="解读责任处室",
        help_text="谁起草、谁解读：政策文件的起草处室",
    )
    title = models.CharField("标题", max_length=200)
    summary = models.TextField("摘要", blank=True)
    body = models.TextField("正文", blank=True)
    # 图解: the image and its text alternative (GB/T 37668 / WCAG 1.1.1: every image has a text equivalent).
    image = models.FileField("图解图片", upload_to="interpretations/", max_length=200, blank=True)
    image_name = models.CharField("图片文件名", max_length=200, blank=True)
    image_mime = models.CharField(max_length=100, blank=True)
    image_alt = models.TextField("图解文字说明", blank=True)
    # 音视频: a file or a link, and its transcript (WCAG 1.2.1 / 1.2.2).
    media_file = models.FileField("音视频文件", upload_to="interpretations/", max_length=200, blank=True)
    media_name = models.CharField("音视频文件名", max_length=200, blank=True)
    media_mime = models.CharField(max_length=100, blank=True)
    media_url = models.URLField("音视频地址", max_length=500, blank=True)
    transcript = models.TextField("文字实录", blank=True)
    # 在线访谈: a link to the interview page (the interviews app adds its own FK to this model).
    interview_url = models.URLField("在线访谈地址", max_length=500, blank=True)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    timing = models.CharField("发布时机", max_length=20, choices=Timing.choices, blank=True)
    due_on = models.DateField("应解读日期", null=True, blank=True)
    late_by_days = models.PositiveSmallIntegerField("逾期工作日数", null=True, blank=True)
    withdrawal_reason = models.CharField("撤回原因", max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "政策解读"
        verbose_name_plural = "政策解读"
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(form="graphic") | ~models.Q(image_alt=""),
                name="interpretation_graphic_has_text_alternative",
            ),
            models.CheckConstraint(
                condition=~models.Q(form="media") | ~models.Q(transcript=""),
                name="interpretation_media_has_transcript",
            ),
        ]
        indexes = [models.Index(fields=["status", "published_at"], name="interpretation_public_idx")]

    def __str__(self) -> str:
        return self.title


class QAPair(models.Model):
    """One 问答 pair of a Q&A interpretation."""

    interpretation = models.ForeignKey(Interpretation, on_delete=models.CASCADE, related_name="qa_pairs")
    question = models.TextField("问")
    answer = models.TextField("答")
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "问答"
        verbose_name_plural = "问答"
        ordering = ["interpretation_id", "sort_order", "id"]

    def __str__(self) -> str:
        return self.question[:40]


class Waiver(models.Model):
    """An approving leader's recorded decision that a policy revision may be published without a
    synchronous interpretation (三同步 exception), with the reason."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    revision = models.OneToOneField(
        ItemRevision, on_delete=models.CASCADE, related_name="+", verbose_name="政策文件版本"
    )
    reason = models.TextField("理由")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="分管领导"
    )
    decided_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "不同步解读登记"
        verbose_name_plural = "不同步解读登记"
        constraints = [models.CheckConstraint(condition=~models.Q(reason=""), name="waiver_has_reason")]

    def __str__(self) -> str:
        return f"{self.revision}: {self.reason[:30]}"
