from django.urls import path

from ..views import portal

urlpatterns = [
    path("bsfw/bszn/", portal.guides, name="list"),
    path("bsfw/bszn/<str:code>/", portal.detail, name="detail"),
    path("bsfw/bszn/<str:code>/v<int:number>/", portal.detail, name="version"),
    path("bsfw/bszn/g/<int:pk>/rate/", portal.rate, name="rate"),
    path("bsfw/bszn/g/<int:pk>/report/", portal.report, name="report"),
    path("bsfw/bszn/m/<int:pk>/<str:which>/", portal.material_file, name="material_file"),
]
