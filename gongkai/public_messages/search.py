"""Published public messages (留言) with their replies in the site search.

A message is public when the writer agreed, moderation approved it and it was answered
(`selectors.public_messages`); `document_for` asks that filter, so anything else is removed, never
indexed. The services re-sync after every state change and moderation (after commit). What is indexed
is what the public page shows: the moderated text (`shown_body`), the reply and the category — never the
writer's name or contact.
"""

from django.urls import reverse

from gongkai.core.models import Agency
from gongkai.search import registry, services
from gongkai.search.documents import SearchDocument

from . import selectors
from .models import Message

TYPE_NAME = "message"


def _document(message: Message) -> SearchDocument:
    return SearchDocument(
        type=TYPE_NAME,
        id=str(message.pk),
        agency_id=message.agency_id,
        title=message.subject,
        url=reverse("public_messages:detail", args=[message.number]),
        issuer=message.agency.name,
        summary=f"留言编号 {message.number}",
        body=f"{message.shown_body}\n\n答复：{message.reply}",
        category=message.get_category_display(),
        year=message.replied_at.year if message.replied_at else None,
        published_at=message.replied_at,
    )


def document_for(obj) -> SearchDocument | None:
    pk = getattr(obj, "pk", obj)
    message = Message.objects.filter(pk=pk).select_related("agency").first()
    if message is None or not message.number:
        return None
    return _document(message) if selectors.public_messages(message.agency).filter(pk=pk).exists() else None


def iter_public_documents():
    for agency in Agency.objects.all():
        for message in selectors.public_messages(agency).select_related("agency").iterator(chunk_size=500):
            if message.number:
                yield _document(message)


def sync_message(message: Message) -> None:
    """Index or remove the message after the current transaction commits."""
    services.sync_object(TYPE_NAME, message)


def register_search() -> None:
    registry.register(
        registry.SearchType(
            name=TYPE_NAME,
            label="留言答复",
            iter_public_documents=iter_public_documents,
            document_for=document_for,
            order=50,
        )
    )
