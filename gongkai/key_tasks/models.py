"""执行公开: key tasks (重点任务) with weighted milestones and progress updates, supervision findings
(督查发现问题) with their rectification (整改), and accountability case notices (问责典型案例通报).

What the public sees goes through the publication workflow (adapter.py): a task, each progress update,
a finding with its confirmed rectification, a case notice. Status and progress are never stored: they
are derived from the milestones and today by the pure rule in `rollup.py`.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from gongkai.accounts.models import Department
from gongkai.core.models import Agency


class Source(models.TextChoices):
    WORK_REPORT = "work_report", "政府工作报告"
    PLAN = "plan", "发展规划"
    INSTRUCTION = "instruction", "领导批示"
    OTHER = "other", "其他部署"


class KeyTask(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="key_tasks")
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("任务名称", max_length=200)
    target = models.TextField("工作目标")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="key_tasks", verbose_name="牵头处室"
    )
    co_departments = models.ManyToManyField(
        Department, blank=True, related_name="co_key_tasks", verbose_name="配合处室"
    )
    lead = models.CharField("责任领导", max_length=60, blank=True)
    source = models.CharField("任务来源", max_length=20, choices=Source.choices, default=Source.WORK_REPORT)
    source_title = models.CharField("来源文件", max_length=200, blank=True)
    source_url = models.URLField("来源文件链接", max_length=500, blank=True)
    source_excerpt = models.TextField("来源原文", blank=True)
    weight = models.PositiveSmallIntegerField(
        "任务权重", default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    due_on = models.DateField("完成时限")
    is_demo = models.BooleanField("演示数据", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "重点任务"
        verbose_name_plural = "重点任务"
        ordering = ["-year", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__gte=1, weight__lte=100), name="key_task_weight_1_100"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Milestone(models.Model):
    task = models.ForeignKey(KeyTask, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField("节点名称", max_length=200)
    due_on = models.DateField("计划完成日期")
    weight = models.PositiveSmallIntegerField(
        "权重", default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    position = models.PositiveSmallIntegerField("序号", default=0)

    class Meta:
        verbose_name = "任务节点"
        verbose_name_plural = "任务节点"
        ordering = ["position", "due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__gte=1, weight__lte=100), name="milestone_weight_1_100"
            )
        ]

    def __str__(self) -> str:
        return self.title


class ProgressUpdate(models.Model):
    """A dated report by the owning department: text, a percentage of one milestone (100 = reached)
    or, for a task without milestones, of the whole task. Counts once published."""

    task = models.ForeignKey(KeyTask, on_delete=models.CASCADE, related_name="updates")
    milestone = models.ForeignKey(
        Milestone,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="updates",
        verbose_name="任务节点",
    )
    reported_on = models.DateField("进展日期")
    text = models.TextField("进展情况")
    percent = models.PositiveSmallIntegerField(
        "完成比例（%）", validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "工作进展"
        verbose_name_plural = "工作进展"
        ordering = ["reported_on", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="progress_percent_0_100")
        ]

    def __str__(self) -> str:
        return f"{self.task.title} · {self.reported_on:%Y-%m-%d}"


class Evidence(models.Model):
    """An attachment proving progress; read by the confidentiality scan before publication."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="key_tasks/%Y/")
    original_name = models.CharField("文件名", max_length=200)
    mime = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class FindingSource(models.TextChoices):
    SPECIAL = "special", "专项督查"
    ROUTINE = "routine", "日常督查"
    HIGHER = "higher", "上级督查"
    AUDIT = "audit", "审计检查"
    PUBLIC = "public", "群众反映"


class FindingState(models.TextChoices):
    OPEN = "open", "待整改"
    SUBMITTED = "submitted", "整改待确认"
    CONFIRMED = "confirmed", "整改已确认"


class Finding(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="findings")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="findings", verbose_name="整改责任处室"
    )
    task = models.ForeignKey(
        KeyTask,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="findings",
        verbose_name="相关重点任务",
    )
    source = models.CharField("督查来源", max_length=20, choices=FindingSource.choices)
    title = models.CharField("问题概述", max_length=200)
    description = models.TextField("问题描述")
    found_on = models.DateField("发现日期")
    rectify_by = models.DateField("整改期限")
    state = models.CharField("状态", max_length=20, choices=FindingState.choices, default=FindingState.OPEN)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "督查发现问题"
        verbose_name_plural = "督查发现问题"
        ordering = ["rectify_by", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rectify_by__gte=models.F("found_on")), name="finding_deadline_after_found"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Rectification(models.Model):
    """One submission of the department's rectification; confirmed or returned by the supervisor."""

    class Decision(models.TextChoices):
        PENDING = "pending", "待确认"
        CONFIRMED = "confirmed", "已确认"
        RETURNED = "returned", "退回重新整改"

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="rectifications")
    measures = models.TextField("整改措施")
    result = models.TextField("整改结果")
    completed_on = models.DateField("整改完成日期")
    evidence = models.FileField("佐证材料", upload_to="key_tasks/rectifications/%Y/", blank=True)
    evidence_name = models.CharField(max_length=200, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField()
    decision = models.CharField(max_length=20, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField("确认意见", blank=True)

    class Meta:
        verbose_name = "整改情况"
        verbose_name_plural = "整改情况"
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return f"{self.finding.title} · 整改"


class FindingEvent(models.Model):
    """The timeline of a finding: raised, rectification submitted, confirmed or returned."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="events")
    verb = models.CharField(max_length=30)
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.verb} {self.from_state}→{self.to_state}"


class Misconduct(models.TextChoices):
    INACTION = "inaction", "不作为"
    SLOW = "slow", "慢作为"
    WRONG = "wrong", "乱作为"


class CaseNotice(models.Model):
    """典型案例通报: the public text is stored masked (masking.py); the names entered are internal."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="case_notices")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="case_notices", verbose_name="承办处室"
    )
    finding = models.ForeignKey(
        Finding,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_notices",
        verbose_name="源于督查问题",
    )
    kind = models.CharField("问题类型", max_length=20, choices=Misconduct.choices)
    title = models.CharField("通报标题", max_length=200)
    facts = models.TextField("基本案情（公开文本，已按规则隐名）")
    handling = models.TextField("处理结果（公开文本，已按规则隐名）")
    notified_on = models.DateField("通报日期")
    persons = models.TextField("涉及人员姓名（不公开）", blank=True, help_text="每行一个，用于隐名处理")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "问责典型案例通报"
        verbose_name_plural = "问责典型案例通报"
        ordering = ["-notified_on", "-id"]

    def __str__(self) -> str:
        return self.title
