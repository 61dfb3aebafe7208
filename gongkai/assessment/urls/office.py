from django.urls import path

from ..views import office

urlpatterns = [
    path("", office.home, name="home"),
    path("inspect/", office.inspect_now, name="inspect"),
    path("runs/<int:pk>/", office.run, name="run"),
    path("indicators/<slug:code>/", office.indicator, name="indicator"),
]
