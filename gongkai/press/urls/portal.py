from django.urls import path

from ..views import portal

urlpatterns = [
    path("xwfb/fyr/", portal.spokespersons, name="spokespersons"),
    path("xwfb/fbh/", portal.conferences, name="conferences"),
    path("xwfb/fbh/<int:pk>/", portal.conference, name="conference"),
    path("xwfb/fbh/<int:pk>/feed/", portal.feed, name="feed"),
    path("xwfb/fbh/<int:pk>/attachments/<int:attachment_pk>/", portal.attachment, name="attachment"),
    path("xwfb/mtcf/", portal.media_request, name="media_request"),
]
