from django.urls import path

from ..feeds import DecisionFeed
from ..views import portal

urlpatterns = [
    path("bsfw/zfgs/", portal.home, name="home"),
    path("bsfw/zfgs/<int:pk>/", portal.decision, name="decision"),
    path("bsfw/zfgs/certificate/", portal.certificate, name="certificate"),
    path("bsfw/zfgs/feed/", DecisionFeed(), name="feed"),
    path("bsfw/sjgk/", portal.inspections, name="inspections"),
    path("bsfw/sjgk/<int:pk>/", portal.inspection, name="inspection"),
    path("bsfw/sxqy/", portal.dishonest, name="dishonest"),
]
