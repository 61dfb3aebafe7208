"""Refused attempts at protected actions are audited (issue 11.14), as `access.denied` events.

A refusal is a `core.errors.PermissionDenied` (raised by the services' permission checks), or any
DomainError that the guard (`accounts.guard.require`) raised with `error.refused = {permission,
object, actor}` (e.g. NotFound for another agency's record), or Django's PermissionDenied raised by
the office's page decorators. Whoever catches one records it: the API's exception handler
(`web/api.py`) and, for the office and every other page, `RefusalAuditMiddleware` after the view has
returned, whether the view showed the message beside the form or let it become a 403 page. Both run
after the service's transaction has rolled back, so the audit row is never rolled back with it, and
nothing else of the refused action is kept.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied

from . import audit
from .context import pending_refusals
from .errors import DomainError, PermissionDenied

VERB = "access.denied"
MESSAGE_MAX = 300


def is_refusal(error: BaseException) -> bool:
    return isinstance(error, (PermissionDenied, DjangoPermissionDenied)) or (
        isinstance(error, DomainError) and getattr(error, "refused", None) is not None
    )


def note(error: BaseException) -> None:
    """Remember a refusal raised while serving the current request (no-op outside a request)."""
    pending = pending_refusals.get()
    if pending is None:
        return
    # A view that turns a service's refusal into Django's (`raise PermissionDenied(...) from None`)
    # raises it while handling the first: one refusal, one event.
    related = {id(error), id(error.__context__), id(error.__cause__)}
    if not any(id(seen) in related or id(seen.__context__) == id(error) for seen in pending):
        pending.append(error)


def _message(error: BaseException) -> str:
    text = getattr(error, "message", None) or str(error) or "无权执行此操作"
    return str(text)[:MESSAGE_MAX]


def record_refusal(error: BaseException, *, actor=None, path: str = "", method: str = ""):
    """Append the `access.denied` event of one refusal (once per error object). Returns it, or None."""
    if getattr(error, "_refusal_audited", False):
        return None
    error._refusal_audited = True
    refused = getattr(error, "refused", None) or {}
    actor = refused.get("actor") or actor
    obj = refused.get("object")
    if not getattr(actor, "is_authenticated", False) and obj is None:
        return None  # an anonymous visitor meets the login page, not a refusal of an action
    agency = getattr(obj, "agency", None) if obj is not None else None
    if agency is None:
        agency = getattr(actor, "agency", None)
    after = {
        "permission": refused.get("permission", ""),
        "message": _message(error),
        "code": getattr(error, "code", "permission_denied"),
        "path": path[:500],
        "method": method,
    }
    return audit.record(actor=actor, verb=VERB, obj=obj, agency=agency, after=after)


def record_pending(*, actor, path: str, method: str) -> int:
    """Record every refusal noted during the request that no surface has recorded yet."""
    pending = pending_refusals.get() or []
    return sum(
        record_refusal(error, actor=actor, path=path, method=method) is not None for error in list(pending)
    )
