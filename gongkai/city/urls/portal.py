from django.urls import path

from ..views import portal

urlpatterns = [
    path("city/", portal.home, name="home"),
    path("city/agencies/", portal.directory, name="directory"),
    path("city/search/", portal.city_search, name="search"),
]
