from django.urls import path

from ..feeds import VersionFeed
from ..views import portal

urlpatterns = [
    path("bsfw/qzqd/", portal.power_list, name="list"),
    path("bsfw/qzqd/versions/", portal.history, name="history"),
    path("bsfw/qzqd/v<int:number>/", portal.version, name="version"),
    path("bsfw/qzqd/diff/", portal.diff, name="diff"),
    path("bsfw/qzqd/items/<int:pk>/", portal.item, name="item"),
    path("bsfw/qzqd/feed/", VersionFeed(), name="feed"),
]
