"""Request facts that the audit trail records without services knowing about requests."""

from contextvars import ContextVar

current_ip: ContextVar[str | None] = ContextVar("current_ip", default=None)
