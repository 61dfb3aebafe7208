from django.db.models import QuerySet
from django.utils import timezone

from gongkai.accounts.guard import scoped
from gongkai.accounts.permissions import has_perm
from gongkai.publishing.selectors import is_public, public_object_ids

from . import rules
from .models import Answer, QuestionKind, ResultReport, Survey, TextState


def public_surveys(agency) -> QuerySet[Survey]:
    return Survey.objects.filter(agency=agency, pk__in=public_object_ids(Survey, agency=agency))


def public_reports(agency) -> QuerySet[ResultReport]:
    return ResultReport.objects.filter(
        survey__agency=agency, pk__in=public_object_ids(ResultReport, agency=agency)
    ).select_related("survey")


def published_report(survey: Survey) -> ResultReport | None:
    report = ResultReport.objects.filter(survey=survey).first()
    return report if report is not None and is_public(report) else None


def phase_of(survey: Survey, now=None) -> str:
    return rules.phase(survey.opens_at, survey.closes_at, now or timezone.now())


def surveys_for(user) -> QuerySet[Survey]:
    if not has_perm(user, "surveys.view"):
        return Survey.objects.none()
    return scoped(user, Survey.objects.select_related("department"))


def pending_texts(user) -> QuerySet[Answer]:
    if not has_perm(user, "surveys.moderate"):
        return Answer.objects.none()
    return Answer.objects.filter(
        response__survey__agency_id=user.agency_id,
        question__kind=QuestionKind.TEXT,
        text_state=TextState.PENDING,
    ).select_related("question", "response__survey")


def closed_without_results(user, now=None) -> QuerySet[Survey]:
    now = now or timezone.now()
    return surveys_for(user).filter(closes_at__lte=now, result_report__isnull=True)
