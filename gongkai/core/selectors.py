from django.conf import settings
from django.db.models import Q, QuerySet

from . import event_kinds
from .models import Agency, AuditEvent, SiteSettings
from .pagecache import memoised

# Verbs of platform-wide records (no agency): the national working-day calendar (issue 12 item 8).
PLATFORM_VERBS = ("workdays.", "accounts.platform_admin")


def _platform_verbs() -> Q:
    condition = Q(pk__in=[])
    for prefix in PLATFORM_VERBS:
        condition |= Q(verb__startswith=prefix)
    return condition


def public_agency() -> Agency | None:
    """The agency whose public site is being served: the request's (`core.sites`: host name or
    /bm/<code>/), else the deployment's default (the configured one, else the first active one), kept
    per process for the page cache's generation (a committed write ends it; ADR 0043)."""
    from .sites import current_site_agency

    agency = current_site_agency.get()
    if agency:  # (a lazy object: falsy when no agency is set up)
        return agency
    code = settings.GONGKAI_DEFAULT_AGENCY

    def find():
        agency = Agency.objects.filter(code=code, is_active=True).first()
        return agency or Agency.objects.filter(is_active=True).order_by("id").first()

    return memoised(f"public_agency:{code}", find)


def site_settings_for(agency: Agency | None) -> SiteSettings | None:
    if agency is None:
        return None
    return memoised(f"site_settings:{agency.pk}", lambda: SiteSettings.objects.filter(agency=agency).first())


def audit_events(
    *,
    agency: Agency,
    verb: str = "",
    actor_id: int | None = None,
    object_type: str = "",
    object_id: str = "",
    date_from=None,
    date_to=None,
) -> QuerySet[AuditEvent]:
    """Events of one agency, newest first, with the filters of the office's audit screen."""
    # Platform-wide records (the national working-day calendar) have no agency: every agency sees them.
    qs = (
        AuditEvent.objects.filter(Q(agency=agency) | (Q(agency__isnull=True) & _platform_verbs()))
        .select_related("actor")
        .order_by("-id")
    )
    if verb:
        # A registered kind matches exactly; anything else ("user.", "publishing") is a prefix.
        qs = qs.filter(verb=verb) if event_kinds.kind(verb) else qs.filter(verb__startswith=verb)
    if actor_id:
        qs = qs.filter(actor_id=actor_id)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    if date_from:
        qs = qs.filter(created_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(created_at__date__lte=date_to)
    return qs


def audit_object_types(agency: Agency) -> list[str]:
    """The record types that occur in the agency's audit trail (for the screen's record filter)."""
    return list(
        AuditEvent.objects.filter(agency=agency)
        .exclude(object_type="")
        .order_by("object_type")
        .values_list("object_type", flat=True)
        .distinct()
    )
