"""The catalogue's items in the site search (gongkai.search registry).

Wiring (owned by the catalogue): `CatalogueConfig.ready()` calls `register_search()`, and the
services call `sync_item(item)` at the end of `record_publication`, `record_withdrawal` (and after a
correction supersedes a revision). `sync_item` writes the index after commit; `gongkai search
reindex --type item` rebuilds it from the database.
"""

from collections.abc import Iterator

from django.urls import reverse

from gongkai.core.models import Agency
from gongkai.search import registry, services
from gongkai.search.documents import SearchDocument

from . import selectors
from .models import InformationItem, ItemRevision
from .sanitize import html_to_text

TYPE_NAME = "item"


def _document(revision: ItemRevision) -> SearchDocument | None:
    item = revision.item
    if not item.slug:
        return None
    published = getattr(revision, "public_at", None) or revision.published_at
    return SearchDocument(
        type=TYPE_NAME,
        id=str(item.pk),
        agency_id=item.agency_id,
        title=revision.title,
        url=reverse("catalogue:item", args=[item.slug]),
        document_number=revision.document_number,
        index_number=item.index_number or "",
        issuer=revision.issuer,
        summary=revision.summary,
        body=html_to_text(revision.body) if revision.body else "",
        attachment_text="\n".join(a.extracted_text for a in revision.attachments.all() if a.extracted_text),
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
    for agency in Agency.objects.all():
        for revision in (
            selectors.public_revisions(agency).prefetch_related("attachments").iterator(chunk_size=500)
        ):
            doc = _document(revision)
            if doc:
                yield doc


def iter_documents_for(items) -> Iterator[SearchDocument]:
    """The public ones of `items` as documents, 500 items a query (a bulk import: issue 19 item 4)."""
    by_agency: dict[int, list[int]] = {}
    for item in items:
        by_agency.setdefault(item.agency_id, []).append(item.pk)
    for agency in Agency.objects.filter(pk__in=list(by_agency)):
        ids = by_agency[agency.pk]
        for start in range(0, len(ids), 500):
            revisions = (
                selectors.public_revisions(agency)
                .filter(item_id__in=ids[start : start + 500])
                .prefetch_related("attachments")
            )
            for revision in revisions:
                doc = _document(revision)
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
