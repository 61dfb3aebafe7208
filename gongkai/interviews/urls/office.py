from django.urls import path

from ..views import office

urlpatterns = [
    path("", office.interview_list, name="list"),
    path("new/", office.interview_edit, name="new"),
    path("<int:pk>/", office.detail, name="detail"),
    path("<int:pk>/edit/", office.interview_edit, name="edit"),
    path("<int:pk>/entries/", office.post_entry, name="post_entry"),
    path("<int:pk>/questions/<int:question_pk>/", office.moderate, name="moderate"),
]
