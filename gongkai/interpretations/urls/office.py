from django.urls import path

from ..views import office

urlpatterns = [
    path("", office.interpretations, name="list"),
    path("new/", office.new, name="new"),
    path("coverage/", office.coverage, name="coverage"),
    path("waive/<int:revision_pk>/", office.waive, name="waive"),
    path("<int:pk>/", office.detail, name="detail"),
    path("<int:pk>/edit/", office.edit, name="edit"),
    path("<int:pk>/qa/", office.qa, name="qa"),
    path("<int:pk>/image/", office.image_upload, name="image_upload"),
    path("<int:pk>/media/", office.media_upload, name="media_upload"),
]
