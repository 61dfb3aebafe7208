"""Reads of enforcement publicity: public lists (read-time filters), the office's queues."""

from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from gongkai.accounts.guard import scoped

from . import clock
from .models import Decision, DecisionStatus, DishonestyListing, Inspection, Officer


def public_decisions(agency) -> QuerySet[Decision]:
    return Decision.objects.filter(agency=agency, status=DecisionStatus.PUBLISHED)


def withdrawn_decisions(agency) -> QuerySet[Decision]:
    """Withdrawn decisions stay listed with the reason only (行政处罚法 Art. 48: 公开说明理由)."""
    return Decision.objects.filter(agency=agency, status=DecisionStatus.WITHDRAWN)


def decisions_for(actor) -> QuerySet[Decision]:
    return scoped(actor, Decision.objects.filter(agency_id=actor.agency_id))


def _due_soon(today: date) -> date:
    from gongkai.workdays.selectors import add_working_days

    return add_working_days(today, clock.DUE_SOON_WORKING_DAYS).due


def decisions_due(actor, today: date | None = None) -> QuerySet[Decision]:
    """Decisions still to be published, the most urgent first (overdue ones included)."""
    return decisions_for(actor).filter(status=DecisionStatus.DRAFT).order_by("due_on", "id")


def withdrawals_due(actor) -> QuerySet[Decision]:
    return (
        decisions_for(actor)
        .filter(status=DecisionStatus.PUBLISHED, changed_on__isnull=False)
        .order_by("withdraw_due_on", "id")
    )


def urgency(due_on: date | None, today: date) -> str:
    """ "late" after the due day, "soon" within DUE_SOON_WORKING_DAYS of it, else ""."""
    if due_on is None:
        return ""
    if today > due_on:
        return "late"
    return "soon" if due_on <= _due_soon(today) else ""


def officer_by_certificate(agency, number: str) -> Officer | None:
    number = (number or "").strip()[:40]
    if not number:
        return None
    return Officer.objects.filter(agency=agency, certificate_number__iexact=number).first()


def public_inspections(agency) -> QuerySet[Inspection]:
    """Drawn inspections are public (the draw is published with its seed); results once published."""
    return Inspection.objects.filter(agency=agency, drawn_at__isnull=False).select_related("item")


def public_listings(agency, now=None) -> QuerySet[DishonestyListing]:
    """Listed and within the publicity period at this minute (read-time removal, like the embargo)."""
    now = now or timezone.now()
    return DishonestyListing.objects.filter(agency=agency, listed_at__lte=now, ends_at__gt=now).filter(
        Q(removed_at__isnull=True) | Q(removed_at__gt=now)
    )


def listings_due(actor) -> QuerySet[DishonestyListing]:
    return DishonestyListing.objects.filter(agency_id=actor.agency_id, listed_at__isnull=True).order_by(
        "listing_due_on"
    )


def decision_counts(agency, year: int) -> dict[str, int]:
    """行政许可 / 行政处罚 / 行政强制 decisions made in `year` and kept on the platform (table 二)."""
    from django.db.models import Count

    rows = (
        Decision.objects.filter(agency=agency, decided_on__year=year).values("kind").annotate(n=Count("id"))
    )
    counts = {row["kind"]: row["n"] for row in rows}
    return {kind: counts.get(kind, 0) for kind in ("licensing", "penalty", "coercion")}
