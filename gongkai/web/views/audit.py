"""审计日志 in the office: browse and filter the agency's events (core owns the data, web the screen)."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from gongkai.accounts.decorators import office_required
from gongkai.accounts.permissions import can_view_audit
from gongkai.accounts.selectors import staff_of
from gongkai.core.models import AuditEvent
from gongkai.core.selectors import audit_events


def _date(value: str):
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@office_required
def events(request):
    if not can_view_audit(request.user):
        raise PermissionDenied
    g = request.GET
    try:
        actor_id = int(g.get("actor") or 0) or None
    except ValueError:
        actor_id = None
    filters = {
        "verb": g.get("verb", "").strip(),
        "actor_id": actor_id,
        "object_type": g.get("object_type", "").strip(),
        "object_id": g.get("object_id", "").strip(),
        "date_from": _date(g.get("from", "")),
        "date_to": _date(g.get("to", "")),
    }
    qs = audit_events(agency=request.user.agency, **filters)
    page = Paginator(qs, 50).get_page(g.get("page"))
    return render(
        request,
        "office/audit_events.html",
        {
            "page": page,
            "filters": g,
            "staff": staff_of(request.user.agency),
            "bad_date": bool(g.get("from") and not filters["date_from"])
            or bool(g.get("to") and not filters["date_to"]),
            "breadcrumb": [("审计日志", None)],
        },
    )


@office_required
def event_detail(request, pk: int):
    if not can_view_audit(request.user):
        raise PermissionDenied
    event = get_object_or_404(AuditEvent, pk=pk, agency=request.user.agency)
    return render(
        request,
        "office/audit_event.html",
        {"event": event, "breadcrumb": [("审计日志", "/office/audit/"), (f"#{event.pk}", None)]},
    )
