"""政务新媒体: the register of the agency's accounts (国办发〔2018〕123号) and posts to them (ADR 0028)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.core.models import Agency

# 国办发〔2018〕123号 and the 政府网站与政务新媒体检查指标: an account not updated for two weeks is flagged.
STALE_AFTER_DAYS = 14


class Platform(models.TextChoices):
    WECHAT = "wechat", "微信公众号"
    WEIBO = "weibo", "微博"
    DOUYIN = "douyin", "抖音"
    TOUTIAO = "toutiao", "今日头条"
    KUAISHOU = "kuaishou", "快手"
    CHANNELS = "channels", "微信视频号"
    APP = "app", "移动客户端"
    OTHER = "other", "其他"


class Account(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "运营中"
        CLOSED = "closed", "已关停"

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="newmedia_accounts")
    platform = models.CharField("平台", max_length=20, choices=Platform.choices)
    name = models.CharField("账号名称", max_length=100)
    account_id = models.CharField("账号 ID", max_length=100)
    department = models.ForeignKey(
        "accounts.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="主办处室",
    )
    url = models.URLField("访问地址", max_length=500, blank=True)
    qr_image = models.FileField("二维码图片", upload_to="newmedia/qr/", blank=True)
    registration_number = models.CharField("备案编号", max_length=60, blank=True)
    opened_on = models.DateField("开设日期")
    closed_on = models.DateField("关停日期", null=True, blank=True)
    closing_reason = models.CharField("关停原因", max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    last_post_at = models.DateTimeField("最近更新", null=True, blank=True)
    endpoint = models.ForeignKey(
        "outbox.WebhookEndpoint",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="发布接口（Webhook）",
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "platform", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "platform", "account_id"], name="newmedia_account_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(status="active") | models.Q(closed_on__isnull=False),
                name="newmedia_closed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_platform_display()}：{self.name}"


class AccountEvent(models.Model):
    """开设、变更、关停 records (the registration history)."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="events")
    verb = models.CharField(max_length=20)
    on = models.DateField()
    note = models.CharField(max_length=300, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.verb} {self.on}"


class Post(models.Model):
    """A publication in the shape the platforms take (title, summary, link, image), reviewed through the
    workflow and then sent to each chosen account's publishing interface as a signed webhook."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    title = models.CharField("标题", max_length=120)
    summary = models.CharField("摘要", max_length=300)
    link = models.URLField("原文链接", max_length=500)
    image_url = models.URLField("配图地址", max_length=500, blank=True)
    accounts = models.ManyToManyField(Account, related_name="posts", verbose_name="发布账号")
    source_workflow = models.ForeignKey(
        "publishing.Workflow", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title
