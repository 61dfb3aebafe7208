"""调查征集 (社情民意调查): a questionnaire published through the workflow, open between its minutes;
one response per person by the survey's identity rule; free-text answers moderated; the results
frozen into a report that is published through the workflow with charts and a CSV."""

from django.conf import settings
from django.db import models

from gongkai.accounts.models import Department
from gongkai.core.models import Agency


class IdentityRule(models.TextChoices):
    BROWSER = "browser", "同一浏览器只能提交一次"
    ADDRESS = "address", "同一网络地址只能提交一次"
    BROWSER_AND_ADDRESS = "both", "同一浏览器或同一网络地址只能提交一次"
    EMAIL = "email", "每个电子邮箱只能提交一次（凭邮件验证码）"


class Survey(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="surveys")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="surveys", verbose_name="承办处室"
    )
    title = models.CharField("调查名称", max_length=200)
    introduction = models.TextField("调查说明")
    opens_at = models.DateTimeField("开始时间")
    closes_at = models.DateTimeField("截止时间")
    identity_rule = models.CharField(
        "每人一次的判定规则", max_length=20, choices=IdentityRule.choices, default=IdentityRule.BROWSER
    )
    is_demo = models.BooleanField("演示数据", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "调查问卷"
        verbose_name_plural = "调查问卷"
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="survey_closes_after_open"
            )
        ]

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    SINGLE = "single", "单选题"
    MULTIPLE = "multiple", "多选题"
    SCALE = "scale", "量表题"
    MATRIX = "matrix", "矩阵题"
    TEXT = "text", "填空题"


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField("序号", default=0)
    kind = models.CharField("题型", max_length=10, choices=QuestionKind.choices)
    text = models.CharField("题目", max_length=300)
    options = models.TextField("选项", blank=True, help_text="单选、多选、矩阵题：每行一个选项（矩阵题为列）")
    rows = models.TextField("矩阵行", blank=True, help_text="矩阵题：每行一个评价项目")
    scale_min = models.PositiveSmallIntegerField("量表最小值", default=1)
    scale_max = models.PositiveSmallIntegerField("量表最大值", default=5)
    scale_labels = models.CharField(
        "量表两端说明", max_length=60, blank=True, help_text="如：很不满意/很满意"
    )
    required = models.BooleanField("必答", default=True)

    class Meta:
        verbose_name = "题目"
        verbose_name_plural = "题目"
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scale_max__gt=models.F("scale_min")), name="question_scale_range"
            )
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    @property
    def row_list(self) -> list[str]:
        return [line.strip() for line in self.rows.splitlines() if line.strip()]

    @property
    def scale_values(self) -> list[int]:
        return list(range(self.scale_min, self.scale_max + 1))


class Response(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    voter_key = models.CharField(max_length=40)  # keyed hash by the survey's identity rule
    ip_hash = models.CharField(max_length=40, blank=True, db_index=True)
    submitted_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "答卷"
        verbose_name_plural = "答卷"
        ordering = ["submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "voter_key"], name="survey_one_response_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.survey.title} · {self.pk}"


class TextState(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "可公开"
    HIDDEN = "hidden", "不公开"


class Answer(models.Model):
    """One mark: an option of a single/multiple question, a value of a scale, a column of one matrix row,
    or a free text (moderated before it can appear in the published results)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    row = models.PositiveSmallIntegerField(null=True, blank=True)
    option = models.PositiveSmallIntegerField(null=True, blank=True)
    value = models.SmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    text_state = models.CharField(max_length=10, choices=TextState.choices, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.option or self.value or self.text[:20]}"


class ResultReport(models.Model):
    """调查结果: counts frozen when generated after the window closed; published through the workflow."""

    survey = models.OneToOneField(Survey, on_delete=models.CASCADE, related_name="result_report")
    introduction = models.TextField("结果说明", blank=True)
    snapshot = models.JSONField(default=dict)
    generated_at = models.DateTimeField()
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "调查结果"
        verbose_name_plural = "调查结果"

    def __str__(self) -> str:
        return f"{self.survey.title} 调查结果"

    @property
    def title(self) -> str:
        return f"“{self.survey.title}”调查结果"


class VerificationCode(models.Model):
    """A one-time code sent by e-mail for a survey whose rule is one answer per e-mail address.

    Only keyed hashes are kept: of the address (to count answers per person) and of the code."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="verification_codes")
    email_hash = models.CharField(max_length=40)
    code_hash = models.CharField(max_length=40)
    ip_hash = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["survey", "email_hash"], name="survey_code_lookup_idx")]

    def __str__(self) -> str:
        return f"{self.survey_id}:{self.email_hash[:8]}"
