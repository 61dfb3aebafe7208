from django.urls import path

from ..views import portal

urlpatterns = [
    path("xxgk/fmqd/", portal.negative_list, name="negative_list"),
]
