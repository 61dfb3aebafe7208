"""执行公开 in the site search: key tasks (with their published progress), findings with their
confirmed rectification, and case notices. Public once their workflow is live; re-synced after every
committed workflow transition (a published progress update re-indexes its task)."""

from django.urls import reverse

from gongkai.core.models import Agency
from gongkai.publishing import hooks
from gongkai.publishing.states import State
from gongkai.search import registry, services
from gongkai.search.documents import SearchDocument

from . import selectors
from .models import CaseNotice, Finding, KeyTask, ProgressUpdate

TASK_TYPE, FINDING_TYPE, NOTICE_TYPE = "key_task", "finding", "case_notice"
SYNC_STATES = frozenset({State.SCHEDULED, State.PUBLISHED, State.WITHDRAWN, State.SUPERSEDED})


def _task_document(task: KeyTask) -> SearchDocument:
    progress = "\n".join(f"{u.reported_on:%Y-%m-%d} {u.text}" for u in selectors.public_updates(task))
    return SearchDocument(
        type=TASK_TYPE,
        id=str(task.pk),
        agency_id=task.agency_id,
        title=task.title,
        url=reverse("key_tasks:task", args=[task.pk]),
        issuer=task.agency.name,
        summary=task.target[:200],
        body="\n\n".join(t for t in (task.target, task.source_excerpt, progress) if t),
        category="执行公开",
        year=task.year,
    )


def _finding_document(f: Finding) -> SearchDocument:
    rect = f.rectifications.filter(decision="confirmed").last()
    return SearchDocument(
        type=FINDING_TYPE,
        id=str(f.pk),
        agency_id=f.agency_id,
        title=f.title,
        url=reverse("key_tasks:finding", args=[f.pk]),
        issuer=f.agency.name,
        summary=f.description[:200],
        body="\n\n".join(
            t for t in (f.description, rect.measures if rect else "", rect.result if rect else "") if t
        ),
        category="执行公开",
        year=f.found_on.year,
    )


def _notice_document(n: CaseNotice) -> SearchDocument:
    return SearchDocument(
        type=NOTICE_TYPE,
        id=str(n.pk),
        agency_id=n.agency_id,
        title=n.title,
        url=reverse("key_tasks:notice", args=[n.pk]),
        issuer=n.agency.name,
        summary=n.facts[:200],
        body=f"{n.facts}\n\n{n.handling}",
        category="执行公开",
        year=n.notified_on.year,
    )


def _document_for(model, public, build):
    def document_for(obj):
        pk = getattr(obj, "pk", obj)
        row = model.objects.filter(pk=pk).select_related("agency").first()
        if row is None or not public(row.agency).filter(pk=pk).exists():
            return None
        return build(row)

    return document_for


task_document_for = _document_for(KeyTask, selectors.public_tasks, _task_document)
finding_document_for = _document_for(Finding, selectors.public_findings, _finding_document)
notice_document_for = _document_for(CaseNotice, selectors.public_notices, _notice_document)


def _iter(public, build):
    def iterate():
        for agency in Agency.objects.all():
            for row in public(agency).select_related("agency"):
                yield build(row)

    return iterate


def sync_task(task: KeyTask) -> None:
    services.sync_object(TASK_TYPE, task)


def _on_workflow(workflow) -> None:
    if workflow.state not in SYNC_STATES:
        return
    model = workflow.content_type.model_class()
    if model is ProgressUpdate:
        update = ProgressUpdate.objects.filter(pk=workflow.object_id).select_related("task").first()
        if update is not None:
            sync_task(update.task)
        return
    type_name = {KeyTask: TASK_TYPE, Finding: FINDING_TYPE, CaseNotice: NOTICE_TYPE}.get(model)
    row = model.objects.filter(pk=workflow.object_id).first() if type_name else None
    if row is not None:
        services.sync_object(type_name, row)


def register_search() -> None:
    for name, label, public, build, document_for, order in (
        (TASK_TYPE, "重点任务", selectors.public_tasks, _task_document, task_document_for, 70),
        (FINDING_TYPE, "督查整改", selectors.public_findings, _finding_document, finding_document_for, 71),
        (NOTICE_TYPE, "问责通报", selectors.public_notices, _notice_document, notice_document_for, 72),
    ):
        registry.register(
            registry.SearchType(
                name=name,
                label=label,
                iter_public_documents=_iter(public, build),
                document_for=document_for,
                order=order,
            )
        )
    hooks.on_transition_committed(_on_workflow)
