from django.conf import settings

from .context import current_ip
from .proxies import client_address


class TrustedProxyMiddleware:
    """Puts the client's address in `REMOTE_ADDR` when the request came through a trusted reverse
    proxy (`GONGKAI_TRUSTED_PROXIES`; see `proxies.py`); the proxy's own address is kept in
    `GONGKAI_PROXY_ADDR`. First in the stack, so rate limits, the audit trail and login throttling
    all count the visitor, not the proxy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        networks = settings.GONGKAI_TRUSTED_PROXIES
        if networks:
            remote = request.META.get("REMOTE_ADDR", "")
            client = client_address(remote, request.META.get("HTTP_X_FORWARDED_FOR", ""), networks)
            if client != remote:
                request.META["GONGKAI_PROXY_ADDR"] = remote
                request.META["REMOTE_ADDR"] = client
        return self.get_response(request)


class RequestContextMiddleware:
    """Makes the client address available to `audit.record` for the duration of a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_ip.set(request.META.get("REMOTE_ADDR") or None)
        try:
            return self.get_response(request)
        finally:
            current_ip.reset(token)


class CurrentAgencyMiddleware:
    """`request.agency`: the agency whose public site is served (staff pages use `user.agency`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils.functional import SimpleLazyObject

        from .selectors import public_agency

        request.agency = SimpleLazyObject(public_agency)
        return self.get_response(request)


class RefusalAuditMiddleware:
    """Audits every refused attempt at a protected action of this request (core/refusals.py), once the
    view has returned and its transaction has rolled back. Last in the stack: it sees the signed-in
    user and the client address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .context import pending_refusals
        from .refusals import record_pending

        token = pending_refusals.set([])
        try:
            response = self.get_response(request)
            actor = getattr(request, "user", None)
            if not getattr(actor, "is_authenticated", False):
                actor = getattr(request, "auth", None)  # the API's token user
            record_pending(actor=actor, path=request.get_full_path(), method=request.method)
        finally:
            pending_refusals.reset(token)
        return response

    def process_exception(self, request, exception):
        """Django's PermissionDenied (the office's page decorators) becomes a 403 page: noted here."""
        from django.core.exceptions import PermissionDenied

        from .refusals import note

        if isinstance(exception, PermissionDenied):
            note(exception)
