"""Statistical data as cubes (ADR 0013): datasets with dimensions, code lists, series and observations.

The shape follows SDMX so that the standard interfaces (SDMX 2.1, JSON-stat, CKAN, DCAT-AP) are views
of these tables, not copies:

- `Codelist` / `Code`: the values a dimension may take (areas use GB/T 2260 codes).
- `Indicator`: the indicator code list with its metadata (统计法实施条例 Art. 27) and its unit and decimals.
- `Dataset`: a cube (an SDMX dataflow + data structure); `Dimension`: its non-time dimensions in key order.
  The time dimension (TIME_PERIOD) is implicit and always last.
- `Series`: one combination of dimension values (the SDMX series key), so observations stay narrow.
- `DatasetVersion`: one vintage of a dataset; it becomes public with its `Release` (发布日程).
- `Observation`: (series, period, version) → value. Missing is NULL, never 0. A revision is a new row in a
  newer version; the earlier row stays, so "as published on date D" is answerable (Art. 26).
- `DataResource`: the 共享开放目录 entry (统计法 Art. 23) with its open type.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.accounts.models import Department
from gongkai.core import secret_links
from gongkai.core.models import Agency


class OpenType(models.TextChoices):
    OPEN = "open", "无条件开放"
    CONDITIONAL = "conditional", "有条件开放"
    NOT_OPEN = "not_open", "不予开放"


class Frequency(models.TextChoices):
    # SDMX FREQ codes; the period format follows SDMX TIME_PERIOD (2020, 2019-Q2, 2024-07).
    ANNUAL = "A", "年度"
    QUARTERLY = "Q", "季度"
    MONTHLY = "M", "月度"
    IRREGULAR = "I", "不定期（普查等）"


class ObservationStatus(models.TextChoices):
    FINAL = "F", "最终"
    PRELIMINARY = "P", "初步"
    REVISED = "R", "修订"


class DimensionRole(models.TextChoices):
    INDICATOR = "indicator", "指标"
    AREA = "area", "地区"
    OTHER = "other", "其他分类"


class Topic(models.TextChoices):
    ECONOMY = "economy", "国民经济核算"
    POPULATION = "population", "人口"
    CENSUS = "census", "普查"
    PRICES = "prices", "价格"
    INDUSTRY = "industry", "工业"
    INVESTMENT = "investment", "固定资产投资与房地产"
    TRADE = "trade", "贸易"
    SOCIETY = "society", "社会与民生"
    OTHER = "other", "其他"


class Codelist(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    code = models.CharField("代码", max_length=40, help_text="SDMX 代码表标识，如 CL_AREA")
    name = models.CharField("名称", max_length=100)
    description = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "代码表"
        verbose_name_plural = "代码表"
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="opendata_codelist_code_uniq")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Code(models.Model):
    codelist = models.ForeignKey(Codelist, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField("代码", max_length=40)
    name = models.CharField("名称", max_length=200)
    parent = models.CharField("上级代码", max_length=40, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "代码"
        verbose_name_plural = "代码"
        ordering = ["sort_order", "code"]
        constraints = [models.UniqueConstraint(fields=["codelist", "code"], name="opendata_code_uniq")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Indicator(models.Model):
    """指标 and its metadata as 统计法实施条例 Art. 27 requires it to be published with the data."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    code = models.CharField("指标代码", max_length=40)
    name = models.CharField("指标名称", max_length=200)
    unit = models.CharField("计量单位", max_length=40, blank=True)
    decimals = models.PositiveSmallIntegerField("小数位数", default=0)
    meaning = models.TextField("指标涵义", blank=True)
    scope = models.TextField("统计口径", blank=True)
    survey_method = models.TextField("调查方法", blank=True)
    calculation = models.TextField("计算方法", blank=True)
    sample_size = models.CharField("样本量", max_length=100, blank=True)
    source = models.CharField("数据来源", max_length=300, blank=True)
    contact = models.CharField("联系方式", max_length=200, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "指标"
        verbose_name_plural = "指标"
        ordering = ["sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="opendata_indicator_code_uniq")
        ]

    def __str__(self) -> str:
        return self.name


class DataResource(models.Model):
    """共享开放目录 (统计法 Art. 23): every data resource, whether or not its data is in Gongkai."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    code = models.SlugField("资源代码", max_length=60)
    title = models.CharField("资源名称", max_length=200)
    description = models.TextField("资源摘要", blank=True)
    topic = models.CharField("主题", max_length=20, choices=Topic.choices, default=Topic.OTHER)
    open_type = models.CharField("开放类型", max_length=20, choices=OpenType.choices, default=OpenType.OPEN)
    not_open_reason = models.TextField("不予开放理由", blank=True)
    conditions = models.TextField(
        "开放条件与使用条款", blank=True, help_text="有条件开放时申请人须接受的条款"
    )
    update_frequency = models.CharField("更新频率", max_length=40, blank=True)
    formats = models.CharField("数据格式", max_length=100, default="CSV、XLSX、JSON、JSON-stat")
    licence = models.CharField("使用许可", max_length=200, default="可免费使用，须注明数据来源")
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="提供处室"
    )
    contact = models.CharField("联系方式", max_length=200, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "数据资源"
        verbose_name_plural = "数据资源"
        ordering = ["sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="opendata_resource_code_uniq"),
            models.CheckConstraint(
                condition=~models.Q(open_type="not_open") | ~models.Q(not_open_reason=""),
                name="opendata_not_open_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Dataset(models.Model):
    """A cube: an SDMX dataflow with its data structure. `code` is ASCII (URLs, SDMX ids)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    resource = models.OneToOneField(
        DataResource, on_delete=models.PROTECT, related_name="dataset", verbose_name="目录条目"
    )
    code = models.SlugField("数据集代码", max_length=60)
    title = models.CharField("名称", max_length=200)
    description = models.TextField("说明", blank=True)
    topic = models.CharField("主题", max_length=20, choices=Topic.choices, default=Topic.OTHER)
    frequency = models.CharField("频度", max_length=1, choices=Frequency.choices, default=Frequency.ANNUAL)
    source = models.TextField("数据来源", blank=True, help_text="真实来源的说明（出处、版本）")
    source_url = models.URLField("来源网址", blank=True)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="负责处室"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "数据集"
        verbose_name_plural = "数据集"
        ordering = ["topic", "code"]
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="opendata_dataset_code_uniq")]

    def __str__(self) -> str:
        return self.title


class Dimension(models.Model):
    """A non-time dimension of a dataset, in series-key order. The indicator dimension uses `Indicator`."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="dimensions")
    code = models.CharField("维度代码", max_length=40, help_text="如 INDICATOR、AREA、SEX、AGE")
    name = models.CharField("维度名称", max_length=60)
    role = models.CharField("角色", max_length=20, choices=DimensionRole.choices, default=DimensionRole.OTHER)
    codelist = models.ForeignKey(Codelist, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField("位置")

    class Meta:
        verbose_name = "维度"
        verbose_name_plural = "维度"
        ordering = ["dataset", "position"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "code"], name="opendata_dimension_code_uniq"),
            models.UniqueConstraint(fields=["dataset", "position"], name="opendata_dimension_position_uniq"),
        ]

    def __str__(self) -> str:
        return f"{self.dataset.code}.{self.code}"


class Series(models.Model):
    """One combination of dimension values; `key` joins the codes in dimension order with dots."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="series")
    key = models.CharField("序列键", max_length=200)
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="series")
    area = models.CharField("地区代码", max_length=12, blank=True, help_text="GB/T 2260；无地区维度时为空")
    dims = models.JSONField("维度取值", default=dict, help_text="{维度代码: 代码}，含指标与地区")
    # The vintage that brought this series in. Its codes (a new indicator, a new area) are public only
    # once that version is: an embargoed release must not show even the names early (实施条例 Art. 28).
    first_version = models.ForeignKey(
        "DatasetVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="new_series",
        verbose_name="首次出现的版本",
    )

    class Meta:
        verbose_name = "序列"
        verbose_name_plural = "序列"
        constraints = [models.UniqueConstraint(fields=["dataset", "key"], name="opendata_series_key_uniq")]
        indexes = [models.Index(fields=["dataset", "indicator", "area"], name="opendata_series_ind_area")]

    def __str__(self) -> str:
        return self.key


class Release(models.Model):
    """发布日程: one announced minute at which data, press release and interpretation go public together.

    Public visibility is a read-time filter (selectors.released_releases): confirmed, approved through
    the publication workflow, and `scheduled_at <= now` (统计法实施条例 Art. 28).
    """

    class State(models.TextChoices):
        PROVISIONAL = "provisional", "拟定"
        CONFIRMED = "confirmed", "已确定"
        CANCELLED = "cancelled", "已取消"

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    title = models.CharField("发布事项", max_length=200)
    scheduled_at = models.DateTimeField("发布时间", db_index=True)
    state = models.CharField("日程状态", max_length=20, choices=State.choices, default=State.PROVISIONAL)
    press_release = models.TextField("统计公报/新闻稿", blank=True)
    interpretation = models.TextField("数据解读", blank=True)
    links = models.ManyToManyField(
        "catalogue.InformationItem", blank=True, related_name="+", verbose_name="相关政府信息"
    )
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="负责处室"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "数据发布"
        verbose_name_plural = "数据发布"
        ordering = ["-scheduled_at", "-id"]

    def __str__(self) -> str:
        return self.title


class ReleaseDateChange(models.Model):
    """A moved release date and its public note (发布日程 changes are announced, not hidden)."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="date_changes")
    previous_at = models.DateTimeField("原定时间")
    new_at = models.DateTimeField("调整后时间")
    note = models.TextField("调整说明")
    changed_at = models.DateTimeField("调整时间")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "发布时间调整"
        verbose_name_plural = "发布时间调整"
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.previous_at):%Y-%m-%d %H:%M} → {timezone.localtime(self.new_at):%Y-%m-%d %H:%M}"


class DatasetVersion(models.Model):
    """A vintage: the cells that a release adds or revises. Public only through its release."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    release = models.ForeignKey(
        Release,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="versions",
        verbose_name="随哪次发布公开",
    )
    note = models.TextField("版本说明/修订说明", blank=True)
    # The periods this version has cells for: listing a cube's periods must not scan 10M observations.
    periods = models.JSONField("包含的时期", default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "数据版本"
        verbose_name_plural = "数据版本"
        ordering = ["dataset", "number"]
        constraints = [models.UniqueConstraint(fields=["dataset", "number"], name="opendata_version_uniq")]

    def __str__(self) -> str:
        return f"{self.dataset.code} v{self.number}"


class Observation(models.Model):
    """One cell value in one vintage. Narrow on purpose: 10 million rows must stay fast.

    `value` NULL means missing (统计 “—”), never zero. `respondents` is the number of 调查对象 behind the
    cell where known; cells below GONGKAI_MIN_RESPONDENTS are suppressed in every output (统计法 Art. 28).

    The three keys carry no database foreign-key constraint (ADR 0054): PostgreSQL checked each of them
    row by row at commit (~2/3 of a bulk load's time, and a deferred-trigger queue growing with the file);
    only the importers write rows, with the dataset, version and series they have just made or read,
    and Django's CASCADE still deletes a dataset's, version's or series' observations.
    """

    dataset = models.ForeignKey(
        Dataset, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    series = models.ForeignKey(
        Series, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    period = models.CharField(max_length=10)
    version = models.ForeignKey(
        DatasetVersion, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    value = models.DecimalField(max_digits=24, decimal_places=6, null=True, blank=True)
    status = models.CharField(
        max_length=1, choices=ObservationStatus.choices, default=ObservationStatus.FINAL
    )
    respondents = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = "观测值"
        verbose_name_plural = "观测值"
        constraints = [
            # Also the main index: (dataset, series, period) is its prefix.
            models.UniqueConstraint(
                fields=["dataset", "series", "period", "version"], name="opendata_obs_uniq"
            ),
        ]
        indexes = [
            models.Index(fields=["dataset", "period"], name="opendata_obs_ds_period"),
            models.Index(fields=["version"], name="opendata_obs_version"),
        ]

    def __str__(self) -> str:
        return f"{self.series_id}@{self.period}={self.value}"


class AccessApplication(models.Model):
    """有条件开放: a member of the public applies; staff approve (token works) or refuse with a reason."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", "待审核"
        APPROVED = "approved", "已同意"
        REFUSED = "refused", "不予同意"
        REVOKED = "revoked", "已撤销"

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    resource = models.ForeignKey(
        DataResource, on_delete=models.PROTECT, related_name="applications", verbose_name="申请的数据资源"
    )
    number = models.CharField("申请编号", max_length=20, unique=True)
    applicant_name = models.CharField("申请人", max_length=100)
    organisation = models.CharField("单位", max_length=200, blank=True)
    email = models.EmailField("电子邮箱")
    phone = models.CharField("联系电话", max_length=30, blank=True)
    purpose = models.TextField("用途")
    accepted_terms = models.BooleanField("已接受使用条款", default=False)
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.SUBMITTED)
    decision_reason = models.TextField("审核意见", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    expires_on = models.DateField("有效期至", null=True, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField("申请时间", auto_now_add=True)

    class Meta:
        verbose_name = "数据开放申请"
        verbose_name_plural = "数据开放申请"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(accepted_terms=True), name="opendata_application_terms"
            ),
            models.CheckConstraint(
                condition=~models.Q(state="refused") | ~models.Q(decision_reason=""),
                name="opendata_refusal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.applicant_name}"

    @staticmethod
    def hash_token(token: str) -> str:
        return secret_links.hash_token(token)


class SurveyProject(models.Model):
    """统计调查项目 (统计法 Art. 15, 实施条例 Art. 13): approved or filed, with its survey system."""

    class Kind(models.TextChoices):
        APPROVED = "approved", "审批"
        FILED = "filed", "备案"

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    name = models.CharField("项目名称", max_length=200)
    kind = models.CharField("管理方式", max_length=20, choices=Kind.choices)
    approval_number = models.CharField("批准（备案）文号", max_length=100)
    approving_authority = models.CharField("批准（备案）机关", max_length=100)
    organiser = models.CharField("制定机关", max_length=100)
    valid_until = models.DateField("有效期至", null=True, blank=True)
    respondents = models.TextField("调查对象", blank=True)
    content = models.TextField("调查内容", blank=True)
    frequency = models.CharField("调查频率", max_length=60, blank=True)
    method = models.TextField("调查方法", blank=True)
    organisation = models.TextField("组织实施方式", blank=True)
    publication = models.TextField("调查资料的报送与公布", blank=True)
    is_public = models.BooleanField("公开", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "统计调查项目"
        verbose_name_plural = "统计调查项目"
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class FlowFile(models.Model):
    """A whole dataflow written once to default storage after its release minute (issue 19 item 3).

    `versions_key` names the exact set of public vintages the file was built from; a request serves
    the file only while the read-time embargo filter gives the same set, so a newer version (or a
    withdrawn one) makes it stale at once. Written by the worker, never before the release minute.
    """

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="+")
    fmt = models.CharField("格式", max_length=10)
    versions_key = models.CharField("版本集", max_length=500)
    path = models.CharField("存储路径", max_length=300)
    size = models.BigIntegerField("字节数", default=0)
    etag = models.CharField("ETag", max_length=80)
    created_at = models.DateTimeField("生成时间", auto_now_add=True)

    class Meta:
        verbose_name = "整库下载文件"
        verbose_name_plural = "整库下载文件"
        constraints = [
            models.UniqueConstraint(fields=["dataset", "fmt", "versions_key"], name="opendata_flowfile_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.dataset_id}.{self.fmt} ({self.versions_key})"
