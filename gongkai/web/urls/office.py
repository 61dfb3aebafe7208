from django.urls import path

from ..views import office

urlpatterns = [
    path("", office.home, name="home"),
    path("login/", office.LoginView.as_view(), name="login"),
    path("logout/", office.LogoutView.as_view(), name="logout"),
]
