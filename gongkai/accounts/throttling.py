"""Login throttling rules for django-axes (issue 12 item 3).

Two limits, counted in the database (so every gunicorn worker sees the same count):
- PAIR_LIMIT failures for one username from one address lock that pair (someone mistyping);
- ADDRESS_LIMIT failures from one address, whatever the usernames, lock the address (someone trying
  many usernames; without it 25 usernames from one address caused no lock).
Both last AXES_COOLOFF_TIME. Figures are local practice (等保 2.0 asks for a limit, not a number).

axes compares the largest count over AXES_LOCKOUT_PARAMETERS (the pair's, and the address's sum)
with one limit; `failure_limit` returns the limit that makes that comparison mean the two rules above.
"""

from django.db.models import Sum
from django.utils import timezone

PAIR_LIMIT = 5  # failures of one username from one address
ADDRESS_LIMIT = 20  # failures from one address across all usernames


def _pair_failures(request, credentials) -> int:
    from axes.helpers import get_client_username, get_cool_off
    from axes.models import AccessAttempt

    attempts = AccessAttempt.objects.filter(
        username=get_client_username(request, credentials),
        ip_address=getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR", ""),
    )
    cool_off = get_cool_off(request)
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def failure_limit(request, credentials=None) -> int:
    """PAIR_LIMIT once this username reached it from this address (the address's sum is at least as
    large, so the pair is locked); otherwise ADDRESS_LIMIT, reached only by the address's sum."""
    return PAIR_LIMIT if _pair_failures(request, credentials) >= PAIR_LIMIT else ADDRESS_LIMIT
