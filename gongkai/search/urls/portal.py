from django.urls import path

from ..views import portal

urlpatterns = [
    path("search/", portal.results, name="results"),
    path("search/suggest/", portal.suggestions, name="suggest"),
]
