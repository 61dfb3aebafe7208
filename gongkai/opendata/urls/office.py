from django.urls import path

from ..views import office

urlpatterns = [
    path("", office.home, name="home"),
    path("datasets/<slug:code>/", office.dataset, name="dataset"),
    path("datasets/<slug:code>/upload/", office.upload, name="upload"),
    path("releases/new/", office.release_new, name="release_new"),
    path("releases/<int:pk>/", office.release, name="release"),
    path("applications/", office.applications, name="applications"),
    path("applications/<int:pk>/", office.application, name="application"),
]
