"""Surveys in the site search: a published questionnaire, with its result once that is published."""

from django.urls import reverse

from gongkai.core.models import Agency
from gongkai.publishing import hooks
from gongkai.publishing.states import State
from gongkai.search import registry, services
from gongkai.search.documents import SearchDocument

from . import selectors
from .models import ResultReport, Survey

TYPE_NAME = "survey"
SYNC_STATES = frozenset({State.SCHEDULED, State.PUBLISHED, State.WITHDRAWN, State.SUPERSEDED})


def _document(survey: Survey) -> SearchDocument:
    report = selectors.published_report(survey)
    body = [survey.introduction, "\n".join(q.text for q in survey.questions.all())]
    if report is not None:
        body.append(report.introduction)
    return SearchDocument(
        type=TYPE_NAME,
        id=str(survey.pk),
        agency_id=survey.agency_id,
        title=survey.title,
        url=reverse("surveys:detail", args=[survey.pk]),
        issuer=survey.agency.name,
        summary=survey.introduction[:200],
        body="\n\n".join(t for t in body if t),
        category="调查征集",
        year=survey.opens_at.year,
        published_at=survey.opens_at,
    )


def document_for(obj):
    pk = getattr(obj, "pk", obj)
    survey = Survey.objects.filter(pk=pk).select_related("agency").first()
    if survey is None or not selectors.public_surveys(survey.agency).filter(pk=pk).exists():
        return None
    return _document(survey)


def iter_public_documents():
    for agency in Agency.objects.all():
        for survey in selectors.public_surveys(agency).select_related("agency"):
            yield _document(survey)


def sync_survey(survey: Survey) -> None:
    services.sync_object(TYPE_NAME, survey)


def _on_workflow(workflow) -> None:
    if workflow.state not in SYNC_STATES:
        return
    model = workflow.content_type.model_class()
    if model is Survey:
        survey = Survey.objects.filter(pk=workflow.object_id).first()
    elif model is ResultReport:
        report = ResultReport.objects.filter(pk=workflow.object_id).select_related("survey").first()
        survey = report.survey if report else None
    else:
        return
    if survey is not None:
        sync_survey(survey)


def register_search() -> None:
    registry.register(
        registry.SearchType(
            name=TYPE_NAME,
            label="调查征集",
            iter_public_documents=iter_public_documents,
            document_for=document_for,
            order=62,
        )
    )
    hooks.on_transition_committed(_on_workflow)
