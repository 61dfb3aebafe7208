from django.urls import path

from ..views import portal

urlpatterns = [
    path("my/", portal.home, name="home"),
    path("my/sign-in/", portal.sign_in, name="sign_in"),
    path("my/sign-in/verify/", portal.verify, name="verify"),
    path("my/sign-out/", portal.sign_out, name="sign_out"),
]
