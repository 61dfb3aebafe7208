from django.urls import path

from ..views import office

urlpatterns = [
    path("", office.year_list, name="years"),
]
