"""Reads of 办事指南: the current guides, a guide's public history, ratings, the office's queues."""

from django.db.models import Avg, Count, QuerySet

from gongkai.accounts.guard import scoped

from .elements import DAY_ELEMENTS, TEXT_ELEMENTS
from .models import PUBLIC_STATUSES, ErrorReport, GuideStatus, GuideVersion, ServiceItem

COMPARED = (*TEXT_ELEMENTS, *DAY_ELEMENTS, ("fee_standard", "收费标准"), ("fee_basis", "收费依据"))


def current_guides(agency) -> QuerySet[GuideVersion]:
    return (
        GuideVersion.objects.filter(item__agency=agency, status=GuideStatus.PUBLISHED)
        .select_related("item", "item__department")
        .order_by("item__code")
    )


def public_versions(item: ServiceItem) -> QuerySet[GuideVersion]:
    return item.versions.filter(status__in=PUBLIC_STATUSES).order_by("-number")


def items_for(actor) -> QuerySet[ServiceItem]:
    return scoped(actor, ServiceItem.objects.filter(agency_id=actor.agency_id))


def open_error_reports(actor) -> QuerySet[ErrorReport]:
    """纠错 routed to the actor's department (the whole agency for agency-wide roles)."""
    return scoped(actor, ErrorReport.objects.filter(agency_id=actor.agency_id, state=ErrorReport.State.OPEN))


def rating_summary(version: GuideVersion) -> dict:
    agg = version.ratings.aggregate(count=Count("id"), average=Avg("score"))
    return {"count": agg["count"], "average": round(agg["average"], 1) if agg["average"] else None}


def version_changes(old: GuideVersion, new: GuideVersion) -> list[tuple[str, str, str]]:
    """(label, old, new) of every element that differs, materials compared by name."""
    changes = [
        (label, str(getattr(old, name) or ""), str(getattr(new, name) or ""))
        for name, label in COMPARED
        if str(getattr(old, name) or "") != str(getattr(new, name) or "")
    ]
    if old.fee_free != new.fee_free:
        changes.append(
            ("是否收费", "不收费" if old.fee_free else "收费", "不收费" if new.fee_free else "收费")
        )
    before = "、".join(m.name for m in old.materials.all())
    after = "、".join(m.name for m in new.materials.all())
    if before != after:
        changes.append(("申请材料", before, after))
    return changes
