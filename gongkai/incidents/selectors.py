from datetime import datetime

from django.db.models import Min, QuerySet
from django.utils import timezone

from gongkai.accounts.guard import scoped

from . import clocks
from .models import Incident, Release


def incidents_for(user) -> QuerySet[Incident]:
    return scoped(user, Incident.objects.select_related("leader"), department_field=None)


def first_release_at(incident: Incident) -> datetime | None:
    return incident.releases.filter(published_at__isnull=False).aggregate(at=Min("published_at"))["at"]


def clock_states(incident: Incident, now: datetime | None = None) -> list[clocks.ClockState]:
    now = now or timezone.now()
    released = first_release_at(incident)
    met = {clocks.INFO: released, clocks.RESPONSE: released, clocks.CONFERENCE: incident.press_conference_at}
    end = incident.closed_at if incident.closed_at and incident.closed_at < now else now
    return [
        clocks.state_of(c, met[c.kind], end)
        for c in clocks.clocks_for(incident.severity, incident.first_seen_at)
    ]


def compliance_rows(incident: Incident) -> list[dict]:
    """The compliance report after closing: each clock met or breached, and by how much."""
    rows = []
    for state in clock_states(incident):
        rows.append(
            {
                "label": state.clock.label,
                "basis": state.clock.basis,
                "due_at": state.clock.due_at,
                "met_at": state.met_at,
                "state": state.label,
                "ok": state.state == "met",
                "late_by": clocks.hours_minutes(state.late_by) if state.late_by else "",
            }
        )
    return rows


def public_releases(agency) -> QuerySet[Release]:
    """Published releases (the 热点回应 column); the workflow's read-time filter decides visibility."""
    from gongkai.publishing.selectors import public_object_ids

    return (
        Release.objects.filter(agency=agency, published_at__isnull=False)
        .filter(pk__in=public_object_ids(Release, agency=agency))
        .select_related("incident", "supersedes")
        .order_by("-published_at", "-pk")
    )


def public_incidents(agency) -> QuerySet[Incident]:
    ids = public_releases(agency).values("incident_id")
    return Incident.objects.filter(agency=agency, pk__in=ids).order_by("-first_seen_at")
