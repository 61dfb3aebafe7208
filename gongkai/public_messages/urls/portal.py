from django.urls import path

from ..views import portal

urlpatterns = [
    path("hdjl/ly/", portal.message_list, name="list"),
    path("hdjl/ly/write/", portal.write, name="write"),
    path("hdjl/ly/statistics/", portal.statistics, name="statistics"),
    path("hdjl/ly/recover/", portal.recover, name="recover"),
    path("hdjl/ly/<str:number>/", portal.detail, name="detail"),
    path("hdjl/ly/<str:number>/<str:token>/", portal.track, name="track"),
]
