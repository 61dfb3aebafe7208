from django.urls import path

from ..feeds import ConsultationFeed
from ..views import portal

urlpatterns = [
    path("hdjl/zqyj/", portal.consultation_list, name="list"),
    path("hdjl/zqyj/feed/", ConsultationFeed(), name="feed"),
    path("hdjl/zqyj/<int:pk>/", portal.detail, name="detail"),
    path("hdjl/zqyj/<int:pk>/comment/", portal.comment, name="comment"),
    path("hdjl/zqyj/<int:pk>/report/", portal.report, name="report"),
    path("hdjl/zqyj/<int:pk>/comparison/", portal.comparison, name="comparison"),
    path("hdjl/zqyj/<int:pk>/attachments/<int:attachment_pk>/", portal.attachment, name="attachment"),
    path("hdjl/zqyj/comments/<int:pk>/<str:token>/", portal.my_comment, name="my_comment"),
]
