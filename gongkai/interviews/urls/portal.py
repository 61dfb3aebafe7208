from django.urls import path

from ..views import portal

urlpatterns = [
    path("hdjl/ft/", portal.interview_list, name="list"),
    path("hdjl/ft/<int:pk>/", portal.detail, name="detail"),
    path("hdjl/ft/<int:pk>/feed/", portal.feed, name="feed"),
    path("hdjl/ft/<int:pk>/ask/", portal.ask, name="ask"),
]
