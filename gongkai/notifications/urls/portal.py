from django.urls import path

from ..views import portal

urlpatterns = [
    path("dy/", portal.subscribe, name="subscribe"),
    path("dy/confirm/<str:token>/", portal.confirm, name="confirm"),
    path("dy/unsubscribe/<str:token>/", portal.unsubscribe, name="unsubscribe"),
]
