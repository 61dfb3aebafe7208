"""Oversized requests get the site's Chinese page, never Django's or gunicorn's English one
(issue 11 item 23).

A form post over `DATA_UPLOAD_MAX_MEMORY_SIZE` (or with more than `DATA_UPLOAD_MAX_NUMBER_FIELDS`
fields) makes `request.POST` raise; Django would answer its plain "Bad Request (400)". This middleware
reads the form once, before the CSRF check does, and answers 413 in the site layout instead; the
browser keeps what was typed (web/js/forms.js puts it back when the visitor returns to the form). A
query string longer than `GONGKAI_MAX_QUERY_STRING` answers 414 the same way. Under /api/ the answer is
problem JSON, like every other API error.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import JsonResponse

# A query string longer than this is refused with a Chinese 414 page. 3,000 Chinese characters typed
# into a search box are ~27,000 bytes percent-encoded: they still reach the page, which keeps the first
# 100 and says so. gunicorn's own line limit (default 4094, English error) is lifted in scripts/run.sh
# so that Django, not gunicorn, answers.
DEFAULT_MAX_QUERY_STRING = 32768


def max_query_string() -> int:
    return getattr(settings, "GONGKAI_MAX_QUERY_STRING", DEFAULT_MAX_QUERY_STRING)


def _problem(status: int, title: str, detail: str) -> JsonResponse:
    return JsonResponse(
        {"type": "about:blank", "title": title, "status": status, "detail": detail},
        status=status,
        content_type="application/problem+json",
        json_dumps_params={"ensure_ascii": False},
    )


class OversizedRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .views import errors

        api = request.path.startswith("/api/")
        if len(request.META.get("QUERY_STRING", "")) > max_query_string():
            detail = errors.too_long_message()
            return _problem(414, "网址过长", detail) if api else errors.uri_too_long(request)
        if request.method == "POST" and not api:
            try:
                request.POST  # noqa: B018 - parse now, so that a too large form is answered here
            except (RequestDataTooBig, TooManyFieldsSent) as exc:
                return errors.payload_too_large(request, exc)
        return self.get_response(request)
