"""The catalogue's items in the site search (gongkai.search registry).

Wiring (owned by the catalogue): `CatalogueConfig.ready()` calls `register_search()`, and the
services call `sync_item(item)` at the end of `record_publication`, `record_withdrawal` (and after a
correction supersedes a revision). `sync_item` writes the index after commit; `gongkai search
reindex --type item` rebuilds it from the database.
"""

import re
from collections.abc import Iterator

from django.urls import reverse
from django.utils import timezone

from gongkai.core.models import Agency
from gongkai.search import registry, services
from gongkai.search.documents import SearchDocument

from . import selectors
from .models import InformationItem, ItemRevision
from .sanitize import html_to_text

TYPE_NAME = "item"


_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_MARKER = "slug-marker"


def _item_urls():
    """slug → the item's public URL, `reverse` called once (a bulk read: ~0.1 ms a document)."""
    head, tail = reverse("catalogue:item", args=[_MARKER]).split(_MARKER)

    def url(slug: str) -> str:
        return f"{head}{slug}{tail}" if _SLUG.fullmatch(slug) else reverse("catalogue:item", args=[slug])

    return url


def _document(revision: ItemRevision, *, url=None, attachments=True) -> SearchDocument | None:
    """`url` a `_item_urls()` function (bulk reads); `attachments=False` for a revision known to have
    none (one just imported), which spares its query."""
    item = revision.item
    if not item.slug:
        return None
    published = getattr(revision, "public_at", None) or revision.published_at
    attachment_text = (
        "\n".join(a.extracted_text for a in revision.attachments.all() if a.extracted_text)
        if attachments
        else ""
    )
    return SearchDocument(
        type=TYPE_NAME,
        id=str(item.pk),
        agency_id=item.agency_id,
        title=revision.title,
        url=url(item.slug) if url else reverse("catalogue:item", args=[item.slug]),
        document_number=revision.document_number,
        index_number=item.index_number or "",
        issuer=revision.issuer,
        summary=revision.summary,
        body=html_to_text(revision.body) if revision.body else "",
        attachment_text=attachment_text,
        category=revision.topic or revision.get_category_display(),
        year=published.year if published else None,
        validity=revision.get_validity_display(),
        published_at=published,
    )


def document_for(obj) -> SearchDocument | None:
    """The item's public revision as a SearchDocument, or None when the item is not public (now)."""
    item = obj.item if isinstance(obj, ItemRevision) else obj
    if not isinstance(item, InformationItem):
        item = InformationItem.objects.get(pk=obj)
    revision = (
        selectors.public_revisions(item.agency).filter(item=item).prefetch_related("attachments").first()
    )
    return _document(revision) if revision else None


def iter_public_documents():
    url = _item_urls()
    for agency in Agency.objects.all():
        for revision in (
            selectors.public_revisions(agency).prefetch_related("attachments").iterator(chunk_size=500)
        ):
            doc = _document(revision, url=url)
            if doc:
                yield doc


def iter_imported_documents(items) -> Iterator[SearchDocument]:
    """The public ones of items just imported (`importer.import_documents`), from the revisions in
    memory: each item's one revision, published, proactive, without attachments, public once its
    publication time is reached (`selectors.public_q`: one whose date lies ahead stays out until then).
    Reading them back from the database cost more than indexing them (issue 19 item 4)."""
    now, url = timezone.now(), _item_urls()
    for item in items:
        revision = item.current_revision
        if revision.published_at and revision.published_at <= now:
            doc = _document(revision, url=url, attachments=False)
            if doc:
                yield doc


def sync_item(item: InformationItem) -> None:
    """Index or remove the item after the current transaction commits."""
    services.sync_object(TYPE_NAME, item)


def register_search() -> None:
    registry.register(
        registry.SearchType(
            name=TYPE_NAME,
            label="政府信息",
            iter_public_documents=iter_public_documents,
            document_for=document_for,
            order=10,
        )
    )
