from django.db.models import QuerySet

from gongkai.accounts.guard import scoped
from gongkai.accounts.permissions import has_perm
from gongkai.consultations import selectors as consultation_selectors
from gongkai.key_tasks import selectors as key_task_selectors
from gongkai.publishing.selectors import is_public, public_object_ids
from gongkai.surveys import selectors as survey_selectors

from .models import Decision, Evaluation, Plan, Project, WorkReport

MODELS = {
    "plan": Plan,
    "work_report": WorkReport,
    "project": Project,
    "decision": Decision,
    "evaluation": Evaluation,
}


def public(model, agency) -> QuerySet:
    return model.objects.filter(agency=agency, pk__in=public_object_ids(model, agency=agency))


def public_evaluations_of(agency, **subject) -> QuerySet[Evaluation]:
    return public(Evaluation, agency).filter(**subject)


def records_for(user, model) -> QuerySet:
    if not has_perm(user, "results.view"):
        return model.objects.none()
    return scoped(user, model.objects.select_related("department"))


def decision_chain(decision: Decision, today) -> dict:
    """征求意见 → 决策 → 执行 → 评估: only what the public may see at each step."""
    agency = decision.agency
    consultation = decision.consultation
    if consultation is not None and not is_public(consultation):
        consultation = None
    tasks = key_task_selectors.public_tasks(agency).filter(pk__in=decision.key_tasks.values("pk"))
    return {
        "consultation": consultation,
        "adoption_report": consultation_selectors.published_report(consultation) if consultation else None,
        "tasks": key_task_selectors.task_views(tasks, today),
        "evaluations": list(public_evaluations_of(agency, decision=decision)),
    }


def survey_result_of(evaluation: Evaluation):
    if evaluation.survey is None:
        return None
    return survey_selectors.published_report(evaluation.survey)
