"""Reads of 规范性文件: public lists (only items that are public), cleanup results, office lists."""

from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from ..models import CampaignStatus, CleanupCampaign, InformationItem, NormativeDocument, NormativeStatus
from ..selectors import public_revisions
from .services import EXPIRY_REMINDER_MONTHS, add_months

SORTS = {"date": ("-item__normative__effective_on", "-id"), "title": ("title", "id")}


def profile_for(item: InformationItem) -> NormativeDocument | None:
    return NormativeDocument.objects.filter(item=item).select_related("successor").first()


def public_status_changes(document: NormativeDocument):
    return document.status_changes.select_related("successor").order_by("effective_on", "id")


def public_normative(agency, *, status: str = "", q: str = "", year: int | None = None, sort: str = "date"):
    """Public revisions of the agency's normative documents, each with `item.normative`."""
    qs = (
        public_revisions(agency)
        .filter(item__normative__isnull=False)
        .select_related("item__normative", "item__normative__successor")
    )
    if status in NormativeStatus.values:
        qs = qs.filter(item__normative__status=status)
    if year:
        qs = qs.filter(item__normative__effective_on__year=year)
    if q:
        from django.db.models import Q

        qs = qs.filter(Q(title__icontains=q) | Q(document_number__icontains=q))
    return qs.order_by(*SORTS.get(sort, SORTS["date"]))


def public_normative_years(agency) -> list[int]:
    dates = NormativeDocument.objects.filter(agency=agency).values_list("effective_on", flat=True)
    return sorted({d.year for d in dates}, reverse=True)


def published_campaigns(agency) -> QuerySet[CleanupCampaign]:
    return CleanupCampaign.objects.filter(agency=agency, status=CampaignStatus.PUBLISHED).order_by(
        "-published_at", "-id"
    )


def campaign_decisions(campaign: CleanupCampaign):
    """Every decision with the document's title, index number and public URL slug."""
    return campaign.decisions.select_related(
        "document__item__current_revision", "successor__current_revision", "document__item"
    ).order_by("id")


# --- office -------------------------------------------------------------------------------------
def documents_for(user) -> QuerySet[NormativeDocument]:
    return (
        NormativeDocument.objects.filter(agency_id=user.agency_id)
        .select_related("item__current_revision", "successor")
        .order_by("expires_on", "-effective_on", "id")
    )


def expiring_soon(user, *, today: date | None = None) -> QuerySet[NormativeDocument]:
    """In-force documents whose validity ends within EXPIRY_REMINDER_MONTHS months."""
    today = today or timezone.localdate()
    return documents_for(user).filter(
        status=NormativeStatus.IN_FORCE,
        expires_on__gte=today,
        expires_on__lte=add_months(today, EXPIRY_REMINDER_MONTHS),
    )


def campaigns_for(user) -> QuerySet[CleanupCampaign]:
    return CleanupCampaign.objects.filter(agency_id=user.agency_id).order_by("-started_on", "-id")
