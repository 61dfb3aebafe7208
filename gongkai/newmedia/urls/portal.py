from django.urls import path

from ..views import portal

urlpatterns = [
    path("xwfb/xmt/", portal.accounts, name="accounts"),
    path("xwfb/xmt/<int:pk>/qr/", portal.qr, name="qr"),
]
