"""URLs of the serving benchmark: the site's own, plus one trivial view under the same middleware
(the peer: what Django and gunicorn cost before any Gongkai work)."""

from django.http import HttpResponse
from django.urls import include, path


def trivial(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("__bench/trivial", trivial), path("", include("config.urls"))]
handler404 = "gongkai.web.views.errors.not_found"
handler500 = "gongkai.web.views.errors.server_error"
