"""Moderation of free texts and the result report, frozen after the window closes."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.guard import fetch_for, require, user_or_none
from gongkai.core import audit
from gongkai.core.errors import Conflict, InvalidTransition, ValidationFailed
from gongkai.publishing import selectors as publishing_selectors

from .. import rules
from ..models import Answer, QuestionKind, ResultReport, Survey, TextState
from .common import _frozen


def moderate_text(*, actor, answer: Answer, approve: bool) -> Answer:
    """Free texts are shown in the published results only once a moderator approved them."""
    survey = answer.response.survey
    require(actor, "surveys.moderate", survey, department_field=None)
    if answer.question.kind != QuestionKind.TEXT:
        raise ValidationFailed("只有填空题的回答需要审核。")
    with transaction.atomic():
        fetch_for(actor, Survey, survey.pk, lock=True, department_field=None)
        if ResultReport.objects.filter(survey=survey).exists() and _frozen(survey.result_report):
            raise Conflict("调查结果已提交发布，不能再改变审核结果。")
        row = Answer.objects.select_for_update().get(pk=answer.pk)
        before = row.text_state
        row.text_state = TextState.APPROVED if approve else TextState.HIDDEN
        row.moderated_by = user_or_none(actor)
        row.save(update_fields=["text_state", "moderated_by"])
        audit.record(
            actor=actor,
            verb="survey.text_moderated",
            obj=row,
            agency=survey.agency,
            before={"state": before},
            after={"state": row.text_state},
        )
    return row


def snapshot_of(survey: Survey) -> dict:
    questions = [
        rules.QuestionSpec(
            id=q.pk,
            position=q.position,
            kind=q.kind,
            text=q.text,
            options=tuple(q.option_list),
            rows=tuple(q.row_list),
            scale=tuple(q.scale_values),
            scale_labels=q.scale_labels,
        )
        for q in survey.questions.all()
    ]
    marks = [
        rules.Mark(
            response=a.response_id,
            question=a.question_id,
            option=a.option,
            row=a.row,
            value=a.value,
            text=a.text,
            published=a.text_state == TextState.APPROVED,
        )
        for a in Answer.objects.filter(response__survey=survey)
    ]
    return rules.tally(questions, marks, survey.responses.count())


def generate_results(
    *, actor, survey: Survey, introduction: str = "", now: datetime | None = None
) -> ResultReport:
    """Freeze the counts after the window closed; every free text must have been moderated first."""
    require(actor, "surveys.manage", survey)
    now = now or timezone.now()
    with transaction.atomic():
        locked = fetch_for(actor, Survey, survey.pk, lock=True)
        if rules.phase(locked.opens_at, locked.closes_at, now) != rules.CLOSED:
            raise InvalidTransition("调查结束后才能生成调查结果。")
        pending = Answer.objects.filter(response__survey=locked, text_state=TextState.PENDING).count()
        if pending:
            raise ValidationFailed(f"尚有 {pending} 条填空回答未审核，请先审核后再生成调查结果。")
        report = ResultReport.objects.filter(survey=locked).first()
        if report is not None and publishing_selectors.workflow_for(report) is not None:
            raise Conflict("调查结果已提交发布，不能重新生成。")
        report = report or ResultReport(survey=locked)
        report.introduction = (introduction or "").strip()
        report.snapshot = snapshot_of(locked)
        report.generated_at, report.generated_by = now, user_or_none(actor)
        report.save()
        audit.record(
            actor=actor,
            verb="survey.results_generated",
            obj=report,
            agency=locked.agency,
            after={"responses": report.snapshot["responses"]},
        )
    return report


def check_report_publishable(report: ResultReport) -> None:
    if not publishing_selectors.is_public(report.survey):
        raise ValidationFailed("问卷尚未公开，调查结果不能发布。")
