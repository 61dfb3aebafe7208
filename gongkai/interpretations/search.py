"""Policy interpretations (政策解读) in the site search.

An interpretation is public only when its own workflow is live AND its policy is public
(`selectors.public_interpretations`), so both kinds of committed workflow transition re-sync it:
the interpretation's own, and its policy revision's. `document_for` asks the same read-time filter as
the public pages, so an interpretation that is not (yet, or any more) public is removed, never indexed.
"""

from django.urls import reverse

from gongkai.catalogue.models import ItemRevision
from gongkai.core.models import Agency
from gongkai.publishing import hooks
from gongkai.publishing.states import State
from gongkai.search import registry, services
from gongkai.search.documents import SearchDocument

from . import selectors
from .models import Interpretation

TYPE_NAME = "interpretation"
SYNC_STATES = frozenset({State.SCHEDULED, State.PUBLISHED, State.WITHDRAWN, State.SUPERSEDED})


def _document(i: Interpretation) -> SearchDocument:
    qa = "\n".join(f"问：{p.question}\n答：{p.answer}" for p in i.qa_pairs.all())
    policy = i.policy.current_revision
    published = getattr(i, "public_at", None) or i.published_at
    return SearchDocument(
        type=TYPE_NAME,
        id=str(i.pk),
        agency_id=i.agency_id,
        title=i.title,
        url=reverse("interpretations:detail", args=[i.pk]),
        issuer=i.agency.name,
        summary=i.summary,
        body="\n\n".join(t for t in (i.body, qa, i.image_alt, i.transcript) if t),
        attachment_text=f"解读：{policy.title} {policy.document_number}" if policy else "",
        category=i.get_form_display(),
        year=published.year if published else None,
        published_at=published,
    )


def document_for(obj) -> SearchDocument | None:
    pk = getattr(obj, "pk", obj)
    row = Interpretation.objects.filter(pk=pk).select_related("agency").first()
    if row is None:
        return None
    public = selectors.public_interpretations(row.agency).filter(pk=pk).first()
    return _document(public) if public is not None else None


def iter_public_documents():
    for agency in Agency.objects.all():
        for i in (
            selectors.public_interpretations(agency)
            .select_related("agency", "policy__current_revision")
            .prefetch_related("qa_pairs")
        ):
            yield _document(i)


def sync_interpretation(interpretation: Interpretation) -> None:
    services.sync_object(TYPE_NAME, interpretation)


def _on_workflow(workflow) -> None:
    if workflow.state not in SYNC_STATES:
        return
    model = workflow.content_type.model_class()
    if model is Interpretation:
        rows = Interpretation.objects.filter(pk=workflow.object_id)
    elif model is ItemRevision:
        revision = ItemRevision.objects.filter(pk=workflow.object_id).first()
        rows = Interpretation.objects.filter(policy_id=revision.item_id) if revision else []
    else:
        return
    for row in rows:
        sync_interpretation(row)


def register_search() -> None:
    registry.register(
        registry.SearchType(
            name=TYPE_NAME,
            label="政策解读",
            iter_public_documents=iter_public_documents,
            document_for=document_for,
            order=15,
        )
    )
    hooks.on_transition_committed(_on_workflow)
