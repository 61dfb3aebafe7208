from .context import current_ip


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
