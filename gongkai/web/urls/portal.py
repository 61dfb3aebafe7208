from django.urls import path

from ..views import portal

urlpatterns = [
    path("", portal.home, name="home"),
    path("healthz", portal.healthz, name="healthz"),
    path("elder-mode/", portal.toggle_elder_mode, name="elder_mode"),
    path("qr.svg", portal.qr_code, name="qr"),
]
