from django.urls import path

from ..feeds import ProgressFeed
from ..views import portal

urlpatterns = [
    path("xxgk/zdrw/", portal.task_list, name="tasks"),
    path("xxgk/zdrw/rss/", ProgressFeed(), name="feed"),
    path("xxgk/zdrw/<int:pk>/", portal.task_detail, name="task"),
    path("xxgk/zdrw/evidence/<int:pk>/", portal.evidence, name="evidence"),
    path("xxgk/dczg/", portal.finding_list, name="findings"),
    path("xxgk/dczg/<int:pk>/", portal.finding_detail, name="finding"),
    path("xxgk/wztb/", portal.notice_list, name="notices"),
    path("xxgk/wztb/<int:pk>/", portal.notice_detail, name="notice"),
]
