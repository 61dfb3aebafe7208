"""The tenant (agency), its site settings and the append-only audit trail."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone


class Agency(models.Model):
    """机关: every record of Gongkai belongs to exactly one agency (政府网站集约化, ADR 0003)."""

    code = models.SlugField(
        "代码", max_length=40, unique=True, help_text="网址与数据中使用的英文短名，如 fzstats"
    )
    name = models.CharField("机关名称", max_length=100)
    short_name = models.CharField("简称", max_length=40, blank=True)
    organisation_code = models.CharField(
        "组织机构代码",
        max_length=18,
        help_text="索引号前缀，如统一社会信用代码或 9 位组织机构代码",
        validators=[RegexValidator(r"^[0-9A-Z-]{9,18}$", "只能包含数字、大写字母和连字符，长度 9-18 位。")],
    )
    area_code = models.CharField("行政区划代码", max_length=6, blank=True)
    is_active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    # --- the city platform (政府网站集约化, issue 18; ADR 0037) ---------------------------------------
    class Kind(models.TextChoices):
        CITY_DEPARTMENT = "city_department", "市政府部门"
        DISTRICT = "district", "区县政府"
        OTHER = "other", "其他"

    kind = models.CharField("机关类型", max_length=20, choices=Kind.choices, default=Kind.CITY_DEPARTMENT)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="主管或上级机关（如区县政府的组成部门隶属于该区县政府）",
    )
    site_host = models.CharField(
        "网站域名",
        max_length=120,
        blank=True,
        help_text="本机关网站使用独立域名时填写，如 tjj.fuzhou.gov.cn；留空时网站位于 /bm/代码/ 路径下",
        validators=[
            RegexValidator(
                r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$",
                "请填写小写域名，如 tjj.fuzhou.gov.cn（不含 http:// 与路径）。",
            )
        ],
    )
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    closed_at = models.DateTimeField("关闭时间", null=True, blank=True)

    class Meta:
        verbose_name = "机关"
        verbose_name_plural = "机关"
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["site_host"], condition=~models.Q(site_host=""), name="agency_site_host_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AgencySetting(models.Model):
    """One agency's own value of a local rule (`core.agency_settings` registry); absent means the
    platform default (the deployment's setting) applies (issue 18 item 7, ADR 0038)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="local_settings")
    key = models.CharField("设置项", max_length=60)
    value = models.JSONField("取值")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "机关设置"
        verbose_name_plural = "机关设置"
        constraints = [models.UniqueConstraint(fields=["agency", "key"], name="agency_setting_unique")]

    def __str__(self) -> str:
        return f"{self.agency_id}:{self.key}"


def validate_local_path(value: str) -> None:
    """A path on this site (/static/…, /media/…): the CSP allows images from the site itself only."""
    from django.core.exceptions import ValidationError

    if value and (not value.startswith("/") or value.startswith("//") or "\\" in value):
        raise ValidationError("请填写本站内的地址，以 / 开头，如 /media/site/conac.png。")


class SiteSettings(models.Model):
    """Footer, guide and contact facts of one agency's public site."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="site_settings")
    site_name = models.CharField("网站名称", max_length=100)
    host_organisation = models.CharField("主办单位", max_length=100)
    address = models.CharField("地址", max_length=200, blank=True)
    postcode = models.CharField("邮编", max_length=6, blank=True)
    phone = models.CharField("联系电话", max_length=60, blank=True)
    fax = models.CharField("传真", max_length=60, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    office_hours = models.CharField("办公时间", max_length=200, blank=True)
    website_code = models.CharField("网站标识码", max_length=20, blank=True)
    icp_number = models.CharField("ICP备案号", max_length=60, blank=True)
    police_record_number = models.CharField("公安备案号", max_length=60, blank=True)
    error_report_url = models.URLField("我为政府网站找错链接", blank=True)
    # 党政机关网站标识: issued with the site's registration (中央编办); the footer shows it when set.
    conac_mark_url = models.URLField(
        "党政机关网站标识链接",
        blank=True,
        help_text="开办（注册）时取得的标识核验链接，如 https://bszs.conac.cn/sitename?method=show&id=…",
    )
    conac_mark_image = models.CharField(
        "党政机关网站标识图片",
        max_length=200,
        blank=True,
        validators=[validate_local_path],
        help_text="本站内的图片地址，如 /media/site/conac.png（内容安全策略只允许本站图片）；留空时显示文字链接",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "网站设置"
        verbose_name_plural = "网站设置"

    def __str__(self) -> str:
        return self.site_name


class AuditEvent(models.Model):
    """One row per action, written only by `gongkai.core.audit.record`; never updated or deleted.

    Each row carries the hash of the previous row and the hash of its own canonical content, so that
    `gongkai audit verify` finds any row that was changed, deleted or inserted out of order.
    """

    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField("操作人", max_length=150, blank=True)
    verb = models.CharField("动作", max_length=80, db_index=True)
    object_type = models.CharField("对象类型", max_length=80, blank=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    before = models.JSONField("变更前", null=True, blank=True)
    after = models.JSONField("变更后", null=True, blank=True)
    ip = models.GenericIPAddressField("IP 地址", null=True, blank=True)
    created_at = models.DateTimeField("时间", db_index=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = "审计事件"
        verbose_name_plural = "审计事件"
        ordering = ["-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.created_at):%Y-%m-%d %H:%M} {self.verb} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise RuntimeError("审计事件只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("审计事件只能追加，不能删除。")


class AuditHead(models.Model):
    """The newest row of the chain, so that deleting the last rows is detected too."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_event_id = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="")

    class Meta:
        verbose_name = "审计链头"
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="audit_head_singleton")]

    def __str__(self) -> str:
        return f"#{self.last_event_id}"


class BackgroundTask(models.Model):
    """Work too large for a request (e.g. a big data import), run by `gongkai worker` with progress
    the office shows (ADR 0006, 0023). Handlers register with `core.tasks.register(kind)`."""

    class State(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "进行中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"

    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("任务类型", max_length=60)
    title = models.CharField("任务", max_length=200)
    params = models.JSONField("参数", default=dict)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField("已处理", default=0)
    total = models.PositiveIntegerField("总数", default=0)
    result = models.TextField("结果", blank=True)
    error = models.TextField("错误", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["state", "id"])]

    def __str__(self) -> str:
        return f"{self.title}（{self.get_state_display()}）"

    @property
    def percent(self) -> int:
        return min(100, int(self.done * 100 / self.total)) if self.total else 0


class RateCount(models.Model):
    """One client's requests in one fixed window of a rate limit (the data interfaces' per-minute limit,
    ADR 0063): counted by one INSERT … ON CONFLICT statement per request in the shared database, so the
    limit holds across gunicorn workers and nodes; rows of past windows are deleted as new ones begin."""

    key = models.CharField(max_length=200, primary_key=True)  # bucket and window
    period = models.BigIntegerField(db_index=True)  # the window's number (e.g. Unix minute)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
