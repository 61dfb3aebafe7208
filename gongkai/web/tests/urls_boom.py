"""A URLconf for the error-page tests: the site's URLs plus views that fail on purpose."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from config.urls import handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("boom")


def denied(request):
    raise PermissionDenied("只有政务公开办可以查看此页面。")


urlpatterns = [path("boom/", boom), path("denied/", denied), *site_urlpatterns]
