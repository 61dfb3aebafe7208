"""A URLconf for the error-page tests: the site's URLs plus views that fail on purpose."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("boom")


def denied(request):
    raise PermissionDenied("只有政务公开办可以查看此页面。")


def bad(request):
    from django.core.exceptions import SuspiciousOperation

    raise SuspiciousOperation("bad")


def reads_body(request):
    request.body  # noqa: B018 - a view that reads the raw body (RequestDataTooBig raised here)
    return None


urlpatterns = [
    path("boom/", boom),
    path("denied/", denied),
    path("bad/", bad),
    path("reads-body/", reads_body),
    *site_urlpatterns,
]
