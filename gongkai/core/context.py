"""Request facts that the audit trail records without services knowing about requests."""

from contextvars import ContextVar

current_ip: ContextVar[str | None] = ContextVar("current_ip", default=None)

# The refusals (core.errors.PermissionDenied, guard refusals) raised while serving this request; the
# RefusalAuditMiddleware records them once the view has returned (core/refusals.py). None outside
# a request, where nothing is collected.
pending_refusals: ContextVar[list | None] = ContextVar("pending_refusals", default=None)
