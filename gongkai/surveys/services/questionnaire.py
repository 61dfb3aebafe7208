"""The questionnaire: the survey and its questions, changed only before publication."""

from datetime import datetime

from django.db import transaction

from gongkai.accounts.guard import SYSTEM, fetch_for, require, user_or_none
from gongkai.accounts.roles import AGENCY_WIDE_ROLES
from gongkai.core import audit
from gongkai.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed

from .. import rules
from ..models import IdentityRule, Question, QuestionKind, Survey
from .common import MIN_WINDOW_MINUTES, _frozen


def save_survey(
    *,
    actor,
    department,
    title: str,
    introduction: str,
    opens_at: datetime,
    closes_at: datetime,
    identity_rule: str = IdentityRule.BROWSER,
    is_demo: bool = False,
    survey: Survey | None = None,
) -> Survey:
    require(actor, "surveys.manage", survey)
    title, introduction = (title or "").strip(), (introduction or "").strip()
    if not title:
        raise ValidationFailed("请填写调查名称。", field="title")
    if not introduction:
        raise ValidationFailed("请填写调查说明。", field="introduction")
    opens_at, closes_at = rules.to_minute(opens_at), rules.to_minute(closes_at)
    if (closes_at - opens_at).total_seconds() < MIN_WINDOW_MINUTES * 60:
        raise ValidationFailed(f"截止时间应至少晚于开始时间 {MIN_WINDOW_MINUTES} 分钟。", field="closes_at")
    if identity_rule not in IdentityRule.values:
        raise ValidationFailed("请选择每人一次的判定规则。", field="identity_rule")
    if actor is not SYSTEM and (department is None or department.agency_id != actor.agency_id):
        raise ValidationFailed("请选择本机关的处室。", field="department")
    if actor is not SYSTEM and not (actor.roles & AGENCY_WIDE_ROLES) and department.pk != actor.department_id:
        raise PermissionDenied("只能为本处室建立问卷。")
    with transaction.atomic():
        row = (
            fetch_for(actor, Survey, survey.pk, lock=True)
            if survey
            else Survey(created_by=user_or_none(actor))
        )
        if survey and _frozen(row):
            raise Conflict("问卷已提交发布，不能再修改。")
        row.agency, row.department = department.agency, department
        row.title, row.introduction, row.opens_at, row.closes_at = (
            title[:200],
            introduction,
            opens_at,
            closes_at,
        )
        row.identity_rule, row.is_demo = identity_rule, is_demo
        row.save()
        audit.record(
            actor=actor,
            verb="survey.saved",
            obj=row,
            after={"title": row.title, "opens_at": opens_at, "closes_at": closes_at},
        )
    return row


def _lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def save_question(
    *,
    actor,
    survey: Survey,
    kind: str,
    text: str,
    options: str = "",
    rows: str = "",
    scale_min: int = 1,
    scale_max: int = 5,
    scale_labels: str = "",
    required: bool = True,
    position: int = 0,
    question: Question | None = None,
) -> Question:
    require(actor, "surveys.manage", survey)
    text = (text or "").strip()
    if not text:
        raise ValidationFailed("请填写题目。", field="text")
    if kind not in QuestionKind.values:
        raise ValidationFailed("请选择题型。", field="kind")
    option_list, row_list = _lines(options), _lines(rows)
    if (
        kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.MATRIX)
        and len(option_list) < rules.MIN_OPTIONS
    ):
        raise ValidationFailed(
            f"{QuestionKind(kind).label}至少需要 {rules.MIN_OPTIONS} 个选项（每行一个）。", field="options"
        )
    if len(set(option_list)) != len(option_list):
        raise ValidationFailed("选项不能重复。", field="options")
    if kind == QuestionKind.MATRIX and not row_list:
        raise ValidationFailed("矩阵题至少需要 1 个评价项目（每行一个）。", field="rows")
    if kind == QuestionKind.SCALE and not (
        0 <= scale_min < scale_max and scale_max - scale_min + 1 <= rules.MAX_SCALE_POINTS
    ):
        raise ValidationFailed(
            f"量表应为 2 至 {rules.MAX_SCALE_POINTS} 级，最大值大于最小值。", field="scale_max"
        )
    with transaction.atomic():
        locked = fetch_for(actor, Survey, survey.pk, lock=True)
        if _frozen(locked):
            raise Conflict("问卷已提交发布，题目不能再修改。")
        if question is not None and question.survey_id != locked.pk:
            raise NotFound("没有找到该题目。")
        row = question or Question(survey=locked)
        row.kind, row.text, row.position, row.required = kind, text[:300], position, required
        row.options = (
            "\n".join(option_list) if kind != QuestionKind.SCALE and kind != QuestionKind.TEXT else ""
        )
        row.rows = "\n".join(row_list) if kind == QuestionKind.MATRIX else ""
        row.scale_min, row.scale_max = (scale_min, scale_max) if kind == QuestionKind.SCALE else (1, 5)
        row.scale_labels = (scale_labels or "").strip()[:60] if kind == QuestionKind.SCALE else ""
        row.save()
        audit.record(
            actor=actor,
            verb="survey.question_saved",
            obj=row,
            agency=locked.agency,
            after={"kind": kind, "text": row.text},
        )
    return row


def delete_question(*, actor, question: Question) -> None:
    require(actor, "surveys.manage", question.survey)
    with transaction.atomic():
        locked = fetch_for(actor, Survey, question.survey_id, lock=True)
        if _frozen(locked):
            raise Conflict("问卷已提交发布，题目不能再删除。")
        audit.record(actor=actor, verb="survey.question_deleted", obj=question, agency=locked.agency)
        question.delete()


def check_survey_publishable(survey: Survey) -> None:
    if not survey.questions.exists():
        raise ValidationFailed("问卷还没有题目，不能发布。")
