"""审计日志 in the office: browse and filter the agency's events (core owns the data, web the screen).

Every event kind is shown by its Chinese label from `core.event_kinds` (issue 11.15); the filters are
the person, the record (type and id) and the kind (one kind, or a whole group), with dates and pages.
"""

from datetime import date

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from gongkai.accounts.decorators import office_required
from gongkai.accounts.guard import fetch_for
from gongkai.accounts.permissions import can_view_audit
from gongkai.accounts.selectors import staff_of
from gongkai.core import event_kinds
from gongkai.core.models import AuditEvent
from gongkai.core.selectors import audit_events, audit_object_types

PER_PAGE = 50
QUERY_MAX = 200


def _text(value: str) -> str:
    """A filter value as typed, without the NUL that PostgreSQL refuses in a text comparison."""
    return value.replace("\x00", "").strip()[:QUERY_MAX]


def _date(value: str):
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def object_type_label(object_type: str) -> str:
    """`publishing.workflow` → 发布流程 (the model's verbose name), else the type itself."""
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type


def _kind_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped options: each group first as a whole ("publishing." = every 发布流程 event), then its kinds."""
    return [
        (group, [(verbs[0][0].split(".", 1)[0] + ".", f"全部{group}事件"), *verbs])
        for group, verbs in event_kinds.choices()
    ]


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
        "verb": _text(g.get("verb", "")),
        "actor_id": actor_id,
        "object_type": _text(g.get("object_type", "")),
        "object_id": _text(g.get("object_id", "")),
        "date_from": _date(g.get("from", "")),
        "date_to": _date(g.get("to", "")),
    }
    agency = request.user.agency
    qs = audit_events(agency=agency, **filters)
    page = Paginator(qs, PER_PAGE).get_page(g.get("page"))
    rows = [(e, event_kinds.label(e.verb), object_type_label(e.object_type)) for e in page.object_list]
    return render(
        request,
        "office/audit_events.html",
        {
            "page": page,
            "rows": rows,
            "filters": g,
            "staff": staff_of(agency).order_by("username"),
            "kind_choices": _kind_choices(),
            "object_types": [(t, object_type_label(t)) for t in audit_object_types(agency)],
            "bad_date": bool(g.get("from") and not filters["date_from"])
            or bool(g.get("to") and not filters["date_to"]),
            "breadcrumb": [("审计日志", None)],
        },
    )


@office_required
def event_detail(request, pk: int):
    if not can_view_audit(request.user):
        raise PermissionDenied
    event = fetch_for(request.user, AuditEvent, pk, department_field=None)
    return render(
        request,
        "office/audit_event.html",
        {
            "event": event,
            "kind_label": event_kinds.label(event.verb),
            "object_type_label": object_type_label(event.object_type),
            "breadcrumb": [("审计日志", "/office/audit/"), (f"#{event.pk}", None)],
        },
    )
