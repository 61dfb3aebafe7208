"""URLs of the serving benchmark: the site's own, plus one trivial view under the same middleware
(the peer: what Django and gunicorn cost before any Gongkai work)."""

from django.http import HttpResponse, HttpResponseRedirect
from django.urls import include, path


def trivial(request):
    return HttpResponse(b"ok", content_type="text/plain")


def trivial_post(request):
    """The write-path peer (benchmarks/writes.py): a form post through the same middleware (CSRF, the
    proxy's address, the page cache's write watch) that reads the form and redirects, writing nothing."""
    if request.method != "POST":
        return HttpResponse(b"post", content_type="text/plain")
    return HttpResponseRedirect(f"/__bench/trivial?n={len(request.POST)}")


urlpatterns = [
    path("__bench/trivial", trivial),
    path("__bench/post", trivial_post),
    path("", include("config.urls")),
]
handler404 = "gongkai.web.views.errors.not_found"
handler500 = "gongkai.web.views.errors.server_error"
