"""Current 办事指南 in the site search (one document per 服务事项)."""

from django.urls import reverse

from gongkai.core.models import Agency
from gongkai.search import registry, services
from gongkai.search.documents import SearchDocument

from .elements import TEXT_ELEMENTS
from .models import GuideStatus, GuideVersion, ServiceItem

TYPE_NAME = "service_guide"


def _document(v: GuideVersion) -> SearchDocument:
    return SearchDocument(
        type=TYPE_NAME,
        id=str(v.item_id),
        agency_id=v.item.agency_id,
        title=f"{v.item.name}办事指南",
        url=reverse("service_guides:detail", args=[v.item.code]),
        issuer=v.item.department.name if v.item.department else v.item.agency.name,
        summary=v.conditions[:200],
        body="\n\n".join(getattr(v, name) for name, _l in TEXT_ELEMENTS if getattr(v, name)),
        category="办事指南",
        year=v.published_at.year if v.published_at else v.created_at.year,
        published_at=v.published_at,
    )


def _current(item_pk):
    return (
        GuideVersion.objects.filter(item_id=item_pk, status=GuideStatus.PUBLISHED)
        .select_related("item__agency", "item__department")
        .first()
    )


def document_for(obj):
    version = _current(getattr(obj, "pk", obj))
    return _document(version) if version else None


def iter_public_documents():
    for agency in Agency.objects.all():
        for v in GuideVersion.objects.filter(
            item__agency=agency, status=GuideStatus.PUBLISHED
        ).select_related("item__agency", "item__department"):
            yield _document(v)


def sync_item(item: ServiceItem) -> None:
    services.sync_object(TYPE_NAME, item)


def register_search() -> None:
    registry.register(
        registry.SearchType(
            name=TYPE_NAME,
            label="办事指南",
            iter_public_documents=iter_public_documents,
            document_for=document_for,
            order=69,
        )
    )
