"""结果公开: development plans with indicators, government work reports broken down into key tasks,
为民办实事 projects, the implementation of major decisions (linked back to the consultation that
preceded them), and evaluations (mid-term/final, third-party, expert, public survey) with the agency's
response. Each record is published through the workflow (adapter.py)."""

from django.conf import settings
from django.db import models

from gongkai.accounts.models import Department
from gongkai.core.models import Agency


class _Record(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name="承办处室"
    )
    is_demo = models.BooleanField("演示数据", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Plan(_Record):
    title = models.CharField("规划名称", max_length=200)
    start_year = models.PositiveSmallIntegerField("起始年度")
    end_year = models.PositiveSmallIntegerField("终止年度")
    summary = models.TextField("规划概要")
    document_url = models.URLField("规划文本链接", max_length=500, blank=True)

    class Meta:
        verbose_name = "发展规划"
        verbose_name_plural = "发展规划"
        ordering = ["-start_year", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")), name="plan_years_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    class Nature(models.TextChoices):
        EXPECTED = "expected", "预期性"
        BINDING = "binding", "约束性"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField("指标", max_length=120)
    unit = models.CharField("单位", max_length=30, blank=True)
    baseline = models.CharField("基期值", max_length=40, blank=True)
    target = models.CharField("目标值", max_length=40)
    nature = models.CharField("属性", max_length=10, choices=Nature.choices, default=Nature.EXPECTED)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class WorkReport(_Record):
    """A government work report whose tasks were broken down into key tasks (key_tasks.KeyTask)."""

    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("报告名称", max_length=200)
    url = models.URLField("报告链接", max_length=500, blank=True)
    tasks = models.ManyToManyField(
        "key_tasks.KeyTask", blank=True, related_name="+", verbose_name="分解的重点任务"
    )

    class Meta:
        verbose_name = "政府工作报告任务分解"
        verbose_name_plural = "政府工作报告任务分解"
        ordering = ["-year", "id"]

    def __str__(self) -> str:
        return self.title


class Project(_Record):
    """为民办实事项目."""

    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("项目名称", max_length=200)
    description = models.TextField("项目内容")
    budget = models.DecimalField("预算（万元）", max_digits=12, decimal_places=2)
    location = models.CharField("实施地点", max_length=200)
    starts_on = models.DateField("计划开工")
    due_on = models.DateField("计划完成")
    completed_on = models.DateField("实际完成", null=True, blank=True)
    outcome = models.TextField("完成情况", blank=True)
    key_task = models.ForeignKey(
        "key_tasks.KeyTask",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="对应重点任务",
    )

    class Meta:
        verbose_name = "为民办实事项目"
        verbose_name_plural = "为民办实事项目"
        ordering = ["-year", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("starts_on")), name="project_due_after_start"
            ),
            models.CheckConstraint(condition=models.Q(budget__gte=0), name="project_budget_not_negative"),
        ]

    def __str__(self) -> str:
        return self.title


class Decision(_Record):
    """A major decision and its implementation: 征求意见 → 决策 → 执行 → 评估 on one page."""

    title = models.CharField("决策事项", max_length=200)
    decided_on = models.DateField("决策日期")
    document_title = models.CharField("决策文件", max_length=200)
    document_url = models.URLField("决策文件链接", max_length=500, blank=True)
    summary = models.TextField("决策内容")
    consultation = models.ForeignKey(
        "consultations.Consultation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="决策前的征求意见",
    )
    key_tasks = models.ManyToManyField(
        "key_tasks.KeyTask", blank=True, related_name="+", verbose_name="执行任务"
    )

    class Meta:
        verbose_name = "重大决策执行"
        verbose_name_plural = "重大决策执行"
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return self.title


class EvaluationKind(models.TextChoices):
    MID_TERM = "mid_term", "中期评估"
    FINAL = "final", "终期评估"
    THIRD_PARTY = "third_party", "第三方评估"
    EXPERT = "expert", "专家评审"
    SURVEY = "survey", "公众满意度调查"


class Evaluation(_Record):
    kind = models.CharField("评估类型", max_length=20, choices=EvaluationKind.choices)
    title = models.CharField("评估名称", max_length=200)
    evaluator = models.CharField("评估主体", max_length=120)
    evaluated_on = models.DateField("评估日期")
    conclusion = models.TextField("评估结论")
    response = models.TextField("机关回应及改进措施", blank=True)
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.CASCADE, related_name="evaluations"
    )
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.CASCADE, related_name="evaluations"
    )
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.CASCADE, related_name="evaluations"
    )
    key_task = models.ForeignKey(
        "key_tasks.KeyTask",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="评估的重点任务",
    )
    survey = models.ForeignKey(
        "surveys.Survey",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="依据的调查",
    )

    class Meta:
        verbose_name = "评估"
        verbose_name_plural = "评估"
        ordering = ["-evaluated_on", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def subject(self):
        return self.plan or self.project or self.decision or self.key_task


class IndicatorValue(models.Model):
    """The value an evaluation found for one indicator of the plan."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="indicator_values")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    actual = models.CharField("实际值", max_length=40)
    assessment = models.CharField("评价", max_length=60, blank=True)

    class Meta:
        ordering = ["indicator__position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "indicator"], name="one_value_per_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.name}：{self.actual}"
