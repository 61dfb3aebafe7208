"""热点回应 for machines: published incident releases (public) — /api/v1/incidents."""

from datetime import datetime

from django.http import Http404
from ninja import Router, Schema

from gongkai.core.selectors import public_agency

from . import selectors

router = Router(tags=["热点回应"])


class ReleaseOut(Schema):
    number: int
    title: str
    body: str
    published_at: datetime
    corrects: int | None = None
    correction_reason: str = ""


class IncidentOut(Schema):
    id: int
    title: str
    releases: list[ReleaseOut]


def _agency(request):
    agency = getattr(request, "agency", None) or public_agency()
    if agency is None:
        raise Http404
    return agency


def _out(incident, releases) -> dict:
    return {
        "id": incident.pk,
        "title": incident.title,
        "releases": [
            {
                "number": r.number,
                "title": r.title,
                "body": r.body,
                "published_at": r.published_at,
                "corrects": r.supersedes.number if r.supersedes_id else None,
                "correction_reason": r.correction_reason,
            }
            for r in releases
            if r.incident_id == incident.pk
        ],
    }


@router.get("", response=list[IncidentOut], summary="热点回应列表（已发布的权威发布与回应）")
def list_incidents(request):
    agency = _agency(request)
    releases = list(selectors.public_releases(agency).order_by("published_at"))
    return [_out(i, releases) for i in selectors.public_incidents(agency)[:100]]


@router.get("/{incident_id}", response=IncidentOut, summary="一个舆情的全部发布")
def get_incident(request, incident_id: int):
    agency = _agency(request)
    incident = selectors.public_incidents(agency).filter(pk=incident_id).first()
    if incident is None:
        raise Http404("没有找到该回应。")
    return _out(
        incident, list(selectors.public_releases(agency).filter(incident=incident).order_by("published_at"))
    )
