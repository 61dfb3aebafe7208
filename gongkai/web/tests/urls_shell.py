"""Only the shell's own URLs, for testing views that a capability app may shadow (e.g. /search/)."""

from django.urls import include, path

from config.urls import handler403, handler404, handler500  # noqa: F401

urlpatterns = [
    path("office/", include(("gongkai.web.urls.office", "office"))),
    path("", include(("gongkai.web.urls.portal", "portal"))),
]
