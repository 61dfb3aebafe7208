"""Reads of the 权责清单: the current version, the public history, the office's versions, the diff."""

from django.db.models import QuerySet

from .diff import diff_items
from .models import PUBLIC_STATUSES, ListVersion, PowerItem, VersionStatus


def current_version(agency) -> ListVersion | None:
    return (
        ListVersion.objects.filter(power_list__agency=agency, status=VersionStatus.PUBLISHED)
        .order_by("-number")
        .first()
    )


def public_versions(agency) -> QuerySet[ListVersion]:
    return ListVersion.objects.filter(power_list__agency=agency, status__in=PUBLIC_STATUSES).order_by(
        "-number"
    )


def versions_for(actor) -> QuerySet[ListVersion]:
    """The actor's agency's versions (the list is agency-wide: no department scoping)."""
    return ListVersion.objects.select_related("power_list").filter(power_list__agency_id=actor.agency_id)


def draft_version(agency) -> ListVersion | None:
    return ListVersion.objects.filter(power_list__agency=agency, status=VersionStatus.DRAFT).first()


def item_rows(version: ListVersion) -> list[dict]:
    return [
        {
            "code": i.code,
            "name": i.name,
            "power_type_label": i.get_power_type_display(),
            "content": i.content,
            "acting_body": i.acting_body,
            "basis": i.basis,
            "duties": i.duties,
            "accountability": i.accountability,
            "process": i.process,
        }
        for i in version.items.all()
    ]


def version_diff(old: ListVersion, new: ListVersion):
    return diff_items(item_rows(old), item_rows(new))


def filter_items(version: ListVersion, *, power_type: str = "", q: str = "") -> QuerySet[PowerItem]:
    qs = version.items.all()
    if power_type:
        qs = qs.filter(power_type=power_type)
    if q:
        qs = qs.filter(name__icontains=q[:100])
    return qs
