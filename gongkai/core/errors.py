"""The closed set of domain errors, mapped to HTTP status and Chinese messages in one place."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404


class DomainError(Exception):
    """Base of every error a service raises on purpose."""

    http_status = 400
    code = "invalid"
    default_message = "请求无法完成。"

    def __init__(self, message: str | None = None, *, field: str | None = None):
        self.message = message or self.default_message
        self.field = field
        super().__init__(self.message)

    def show_on(self, form) -> None:
        """Puts the message beside its field on a Django form (above the form when the field is not
        one of the form's), so the page shows it next to what was typed."""
        form.add_error(self.field if self.field and self.field in form.fields else None, self.message)


class PermissionDenied(DomainError, DjangoPermissionDenied):
    """Also Django's PermissionDenied: escaping a page view, it becomes the 403 page with its message."""

    http_status = 403
    code = "permission_denied"
    default_message = "您没有执行此操作的权限。"

    def __init__(self, message: str | None = None, *, field: str | None = None):
        super().__init__(message, field=field)
        # A refused attempt at a protected action: the request's surface audits it (core/refusals.py).
        from .refusals import note

        note(self)


class NotFound(DomainError, Http404):
    """Also Http404: escaping a page view (e.g. from `guard.fetch_for`), it becomes the 404 page."""

    http_status = 404
    code = "not_found"
    default_message = "没有找到该记录。"


class ValidationFailed(DomainError):
    http_status = 422
    code = "validation_failed"
    default_message = "提交的内容不符合要求，请检查后重试。"


class InvalidTransition(DomainError):
    http_status = 409
    code = "invalid_transition"
    default_message = "当前状态下不能执行此操作。"


class Conflict(DomainError):
    http_status = 409
    code = "conflict"
    default_message = "该记录已被他人修改或已存在，请刷新后重试。"


def problem(error: DomainError) -> dict:
    """RFC 9457 problem details for the API."""
    body = {
        "type": f"https://gongkai.example/problems/{error.code}",
        "title": error.message,
        "status": error.http_status,
        "code": error.code,
    }
    if error.field:
        body["field"] = error.field
    return body
