"""The current 权责清单's items in the site search (one document per 职权)."""

from django.urls import reverse

from gongkai.core.models import Agency
from gongkai.search import registry, services
from gongkai.search.documents import SearchDocument

from .models import PowerItem, VersionStatus

TYPE_NAME = "power_item"


def _document(item: PowerItem) -> SearchDocument:
    version = item.version
    return SearchDocument(
        type=TYPE_NAME,
        id=str(item.pk),
        agency_id=version.power_list.agency_id,
        title=item.name,
        url=reverse("responsibilities:item", args=[item.pk]),
        issuer=item.acting_body,
        summary=item.content[:200],
        body="\n\n".join(
            t for t in (item.content, item.basis, item.duties, item.accountability, item.process) if t
        ),
        category=f"权责清单·{item.get_power_type_display()}",
        year=version.effective_on.year,
        published_at=version.published_at,
    )


def _current_items():
    return PowerItem.objects.filter(version__status=VersionStatus.PUBLISHED).select_related(
        "version__power_list"
    )


def document_for(obj) -> SearchDocument | None:
    item = _current_items().filter(pk=getattr(obj, "pk", obj)).first()
    return _document(item) if item else None


def iter_public_documents():
    for agency in Agency.objects.all():
        for item in _current_items().filter(version__power_list__agency=agency):
            yield _document(item)


def sync_list(power_list) -> None:
    """Index the current version's items and drop those of other versions (after commit)."""
    for item in PowerItem.objects.filter(version__power_list=power_list).only("pk"):
        services.sync_object(TYPE_NAME, item)


def register_search() -> None:
    registry.register(
        registry.SearchType(
            name=TYPE_NAME,
            label="权责清单",
            iter_public_documents=iter_public_documents,
            document_for=document_for,
            order=70,
        )
    )
