"""Government information (政府信息): the stable item, its revisions, attachments and the catalogue.

An `InformationItem` is the identity that the public cites (its 索引号); every change of content is a
new `ItemRevision` (published content is never edited in place, ADR 0010). The publishing workflow's
content object is the revision.
"""

from django.conf import settings
from django.db import models

from gongkai.accounts.models import (
    ApiToken,  # noqa: F401 — moved to accounts (ADR 0033); old import path kept
    Department,
)
from gongkai.core.models import Agency

DEFAULT_INDEX_TEMPLATE = "{org}/{year}-{seq:05d}"  # national default, e.g. 350100TJJ/2026-00001


class Source(models.TextChoices):
    OWN = "own", "本机关信息"
    HIGHER_LEVEL = "higher_level", "上级文件"


class Validity(models.TextChoices):
    IN_FORCE = "in_force", "有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"
    AMENDED = "amended", "已修改"


class DisclosureMode(models.TextChoices):
    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"
    WITHHELD = "withheld", "不予公开"


class OpennessCategory(models.TextChoices):
    """“五公开” (中办发〔2016〕8号): decision, execution, management, service, result."""

    DECISION = "decision", "决策公开"
    EXECUTION = "execution", "执行公开"
    MANAGEMENT = "management", "管理公开"
    SERVICE = "service", "服务公开"
    RESULT = "result", "结果公开"


class RevisionStatus(models.TextChoices):
    """The revision's own publication fact, mirrored by the publishing adapter (the workflow is the
    authority on the process; this says whether this text is, was or never was public)."""

    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"
    SUPERSEDED = "superseded", "已被更正"
    WITHDRAWN = "withdrawn", "已撤回"


class CatalogueSettings(models.Model):
    """Per-agency settings of the catalogue: the 索引号 template."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="catalogue_settings")
    index_template = models.CharField(
        "索引号模板",
        max_length=60,
        default=DEFAULT_INDEX_TEMPLATE,
        help_text="可用 {org}（组织机构代码）、{year}（年份）、{seq:05d}（当年流水号）",
    )

    class Meta:
        verbose_name = "目录设置"
        verbose_name_plural = "目录设置"

    def __str__(self) -> str:
        return f"{self.agency} {self.index_template}"


class IndexCounter(models.Model):
    """The last sequence number issued per agency and year; locked with SELECT … FOR UPDATE."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "索引号计数器"
        verbose_name_plural = "索引号计数器"
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="index_counter_unique")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}: {self.last_number}"


class CatalogueNode(models.Model):
    """One row of the 主动公开基本目录: a 公开事项 (one to three levels) and its columns."""

    MAX_DEPTH = 3

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="catalogue_nodes")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name="上级事项",
    )
    depth = models.PositiveSmallIntegerField("层级", default=1)
    name = models.CharField("公开事项", max_length=100)
    code = models.SlugField("代码", max_length=40, help_text="英文或拼音短名，用于网址和导入")
    content = models.TextField("公开内容", blank=True)
    basis = models.TextField("公开依据", blank=True)
    time_limit = models.CharField("公开时限", max_length=200, blank=True)
    subject = models.CharField("公开主体", max_length=200, blank=True)
    channels = models.CharField("公开渠道和载体", max_length=300, blank=True)
    audience = models.CharField("公开对象", max_length=100, blank=True, default="全社会")
    mode = models.CharField("公开方式", max_length=100, blank=True, default="主动公开")
    level = models.CharField("公开层级", max_length=100, blank=True, default="市级")
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "主动公开基本目录事项"
        verbose_name_plural = "主动公开基本目录"
        ordering = ["agency_id", "depth", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="catalogue_node_code_unique"),
            models.CheckConstraint(
                condition=models.Q(depth__gte=1, depth__lte=3), name="catalogue_node_depth_1_3"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class InformationItem(models.Model):
    """The stable identity of one piece of government information; its content lives in revisions."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="information_items")
    # Issued at first publication (ADR 0010); imported higher-level documents keep their own.
    index_number = models.CharField("索引号", max_length=40, null=True, blank=True)
    slug = models.SlugField("网址标识", max_length=40, null=True, blank=True)
    source = models.CharField("来源", max_length=20, choices=Source.choices, default=Source.OWN)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="责任处室"
    )
    current_revision = models.ForeignKey(
        "ItemRevision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="当前公开版本",
    )
    source_url = models.URLField("原文地址", blank=True, max_length=300)
    first_published_at = models.DateTimeField("首次发布时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "政府信息"
        verbose_name_plural = "政府信息"
        ordering = ["-id"]
        constraints = [
            # Unique per agency: on a city platform several agencies may carry the same higher-level
            # document under its own 索引号; numbers we issue contain the organisation code anyway.
            models.UniqueConstraint(fields=["agency", "index_number"], name="item_index_number_unique"),
            models.UniqueConstraint(fields=["agency", "slug"], name="item_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.index_number or f"政府信息#{self.pk}"

    def save(self, *args, **kwargs):
        stored = getattr(self, "_stored_index_number", None)
        if stored and self.index_number != stored:
            # 索引号 is the citation of the information: once issued it never changes.
            raise ValueError("索引号一经生成不得更改。")
        super().save(*args, **kwargs)
        self._stored_index_number = self.index_number

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_index_number = instance.__dict__.get("index_number")
        return instance


class ItemRevision(models.Model):
    """One version of the metadata block and body. Editable only while it is a draft."""

    item = models.ForeignKey(InformationItem, on_delete=models.CASCADE, related_name="revisions")
    # The item's agency and source, copied when the revision is saved first (both never change on the
    # item): an agency's catalogue list reads its newest public revisions through one index (ADR 0055).
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", editable=False)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.OWN, editable=False)
    number = models.PositiveIntegerField("版本号")
    status = models.CharField(
        "状态", max_length=20, choices=RevisionStatus.choices, default=RevisionStatus.DRAFT
    )
    title = models.CharField("标题", max_length=200)
    summary = models.TextField("内容概述", blank=True)
    topic = models.CharField("主题分类", max_length=100, blank=True)
    issuer = models.CharField("发文机关", max_length=100)
    written_on = models.DateField("成文日期", null=True, blank=True)
    document_number = models.CharField("发文字号", max_length=60, blank=True)
    published_at = models.DateTimeField("发布日期", null=True, blank=True)
    validity = models.CharField("有效性", max_length=20, choices=Validity.choices, default=Validity.IN_FORCE)
    disclosure_mode = models.CharField(
        "公开方式", max_length=20, choices=DisclosureMode.choices, default=DisclosureMode.PROACTIVE
    )
    withheld_reason = models.CharField("不予公开理由", max_length=300, blank=True)
    category = models.CharField(
        "五公开类别", max_length=20, choices=OpennessCategory.choices, default=OpennessCategory.EXECUTION
    )
    node = models.ForeignKey(
        CatalogueNode,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revisions",
        verbose_name="目录事项",
    )
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="责任处室"
    )
    body = models.TextField("正文", blank=True)
    # 三同步 (国办发〔2016〕80号): a policy so marked is published only with its interpretation or a waiver.
    needs_interpretation = models.BooleanField("需要政策解读", default=False)
    change_note = models.CharField("更正说明", max_length=500, blank=True)
    formed_on = models.DateField("信息形成（变更）日期", null=True, blank=True)
    due_on = models.DateField("应公开日期", null=True, blank=True)
    late_by_days = models.PositiveSmallIntegerField("逾期工作日数", null=True, blank=True)
    withdrawal_reason = models.CharField("撤回原因", max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "政府信息版本"
        verbose_name_plural = "政府信息版本"
        ordering = ["item_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="revision_number_unique"),
            models.CheckConstraint(
                condition=~models.Q(disclosure_mode="withheld") | ~models.Q(withheld_reason=""),
                name="revision_withheld_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "published_at"], name="revision_public_idx"),
            # An agency's published list, newest first: its first page and its count come from here.
            models.Index(
                fields=["agency", "source", "published_at", "id"],
                name="revision_listing_idx",
                condition=models.Q(status="published", disclosure_mode="proactive"),
                include=["item", "number", "issuer"],
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self._state.adding or not self.agency_id:
            self.agency_id, self.source = self.item.agency_id, self.item.source
        super().save(*args, **kwargs)

    @property
    def is_late(self) -> bool:
        return bool(self.late_by_days)


class Attachment(models.Model):
    """A file of a revision, stored under a generated name; the original (Chinese) name is kept."""

    revision = models.ForeignKey(ItemRevision, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("文件", upload_to="catalogue/", max_length=200)
    original_name = models.CharField("文件名", max_length=200)
    mime = models.CharField("类型", max_length=100)
    extension = models.CharField("扩展名", max_length=10)
    type_label = models.CharField("类型名称", max_length=40)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField(max_length=64)
    extracted_text = models.TextField("提取的文字", blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["revision_id", "sort_order", "id"]

    def __str__(self) -> str:
        return self.original_name


# --- 规范性文件 (normative documents) -------------------------------------------------------------
# ADR 0014: the profile lives on the stable item; a change of status is a dated, public event, never an
# edit of the published revision.


class NormativeStatus(models.TextChoices):
    IN_FORCE = "in_force", "现行有效"
    AMENDED = "amended", "已修改"
    REPEALED = "repealed", "已废止"
    EXPIRED = "expired", "已失效"


class NormativeDocument(models.Model):
    """The normative-document profile of an item: validity period, current status, successor."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    item = models.OneToOneField(
        InformationItem, on_delete=models.CASCADE, related_name="normative", verbose_name="政府信息"
    )
    effective_on = models.DateField("施行日期")
    expires_on = models.DateField("有效期至", null=True, blank=True, help_text="留空表示未规定有效期")
    status = models.CharField(
        "效力状态", max_length=20, choices=NormativeStatus.choices, default=NormativeStatus.IN_FORCE
    )
    status_on = models.DateField("状态变化日期", null=True, blank=True)
    successor = models.ForeignKey(
        InformationItem,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="修改后（替代）的文件",
    )
    expiry_reminded_on = models.DateField("到期提醒日期", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "规范性文件"
        verbose_name_plural = "规范性文件"
        ordering = ["-effective_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True)
                | models.Q(expires_on__gte=models.F("effective_on")),
                name="normative_expires_after_effective",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} {self.get_status_display()}"

    @property
    def is_in_force(self) -> bool:
        return self.status == NormativeStatus.IN_FORCE


class CampaignStatus(models.TextChoices):
    OPEN = "open", "清理中"
    PUBLISHED = "published", "已公布结果"


class CleanupCampaign(models.Model):
    """A 规范性文件清理 campaign: its decisions are applied and published together."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    name = models.CharField("清理名称", max_length=200)
    scope = models.TextField("清理范围", blank=True)
    started_on = models.DateField("开始日期")
    ended_on = models.DateField("结束日期", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=CampaignStatus.choices, default=CampaignStatus.OPEN
    )
    published_at = models.DateTimeField("结果公布时间", null=True, blank=True)
    result_note = models.TextField("清理结果说明", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "规范性文件清理"
        verbose_name_plural = "规范性文件清理"
        ordering = ["-started_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="cleanup_published_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CleanupOutcome(models.TextChoices):
    KEEP = "keep", "继续有效"
    AMEND = "amend", "修改"
    REPEAL = "repeal", "废止"
    EXPIRE = "expire", "宣布失效"


class CleanupDecision(models.Model):
    """The decision of a campaign on one document (one per document and campaign)."""

    campaign = models.ForeignKey(CleanupCampaign, on_delete=models.CASCADE, related_name="decisions")
    document = models.ForeignKey(
        NormativeDocument,
        on_delete=models.PROTECT,
        related_name="cleanup_decisions",
        verbose_name="规范性文件",
    )
    outcome = models.CharField("清理结果", max_length=20, choices=CleanupOutcome.choices)
    reason = models.TextField("理由", blank=True)
    successor = models.ForeignKey(
        InformationItem,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="修改后（替代）的文件",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)
    applied_at = models.DateTimeField("执行时间", null=True, blank=True)

    class Meta:
        verbose_name = "清理决定"
        verbose_name_plural = "清理决定"
        ordering = ["campaign_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "document"], name="cleanup_one_decision_per_document"
            ),
            models.CheckConstraint(
                condition=models.Q(outcome="keep") | ~models.Q(reason=""), name="cleanup_decision_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document.item}: {self.get_outcome_display()}"


class NormativeStatusChange(models.Model):
    """A dated, public event in the life of a normative document (its 效力变化记录)."""

    document = models.ForeignKey(NormativeDocument, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField("原状态", max_length=20, choices=NormativeStatus.choices)
    to_status = models.CharField("新状态", max_length=20, choices=NormativeStatus.choices)
    effective_on = models.DateField("生效日期")
    reason = models.TextField("说明", blank=True)
    successor = models.ForeignKey(
        InformationItem,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="修改后（替代）的文件",
    )
    decision = models.ForeignKey(
        CleanupDecision,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="清理决定",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "规范性文件效力变化"
        verbose_name_plural = "规范性文件效力变化"
        ordering = ["effective_on", "id"]

    def __str__(self) -> str:
        return f"{self.document.item}: {self.from_status}→{self.to_status}"


# An agency's columns over the resource library (issue 18 item 4, ADR 0050); kept in its own module.
from .column_models import SiteColumn  # noqa: E402, F401
