"""Online interviews (在线访谈) in the site search: the announcement, the guests and the transcript.

An interview is public once published (`selectors.public_interviews`); `document_for` asks that filter.
The services re-sync after saving the interview and after each entry of the live text feed, so the
transcript is searchable as it grows (after commit).
"""

from django.urls import reverse

from gongkai.core.models import Agency
from gongkai.search import registry, services
from gongkai.search.documents import SearchDocument

from . import selectors
from .models import Interview

TYPE_NAME = "interview"


def _document(interview: Interview) -> SearchDocument:
    transcript = "\n".join(f"{e.speaker}：{e.text}" for e in interview.entries.order_by("at", "id"))
    return SearchDocument(
        type=TYPE_NAME,
        id=str(interview.pk),
        agency_id=interview.agency_id,
        title=interview.title,
        url=reverse("interviews:detail", args=[interview.pk]),
        issuer=interview.agency.name,
        summary=interview.announcement[:200],
        body="\n\n".join(
            t for t in (interview.announcement, "访谈嘉宾：" + interview.guests, transcript) if t
        ),
        category="在线访谈",
        year=interview.starts_at.year,
        published_at=interview.starts_at,
    )


def document_for(obj) -> SearchDocument | None:
    pk = getattr(obj, "pk", obj)
    interview = Interview.objects.filter(pk=pk).select_related("agency").first()
    if interview is None or not selectors.public_interviews(interview.agency).filter(pk=pk).exists():
        return None
    return _document(interview)


def iter_public_documents():
    for agency in Agency.objects.all():
        for interview in selectors.public_interviews(agency).select_related("agency"):
            yield _document(interview)


def sync_interview(interview: Interview) -> None:
    """Index or remove the interview after the current transaction commits."""
    services.sync_object(TYPE_NAME, interview)


def register_search() -> None:
    registry.register(
        registry.SearchType(
            name=TYPE_NAME,
            label="在线访谈",
            iter_public_documents=iter_public_documents,
            document_for=document_for,
            order=60,
        )
    )
