from django.db.models import QuerySet

from gongkai.accounts.permissions import has_perm

from .models import Interview, Question, QuestionState


def public_interviews(agency) -> QuerySet[Interview]:
    return Interview.objects.filter(agency=agency, published_at__isnull=False)


def public_questions(interview: Interview) -> QuerySet[Question]:
    return interview.questions.filter(state__in=[QuestionState.APPROVED, QuestionState.ANSWERED])


def interviews_for(user) -> QuerySet[Interview]:
    if not has_perm(user, "interviews.view"):
        return Interview.objects.none()
    return Interview.objects.filter(agency_id=user.agency_id)


def pending_questions(user) -> QuerySet[Question]:
    if not has_perm(user, "interviews.moderate"):
        return Question.objects.none()
    return Question.objects.filter(interview__agency_id=user.agency_id, state=QuestionState.PENDING)
