from django.urls import path

from ..views import office

urlpatterns = [
    path("", office.survey_list, name="list"),
    path("new/", office.survey_edit, name="new"),
    path("moderation/", office.moderation, name="moderation"),
    path("moderation/<int:answer_pk>/", office.moderate, name="moderate"),
    path("<int:pk>/", office.detail, name="detail"),
    path("<int:pk>/edit/", office.survey_edit, name="edit"),
    path("<int:pk>/questions/new/", office.question_edit, name="question_new"),
    path("<int:pk>/questions/<int:question_pk>/", office.question_edit, name="question_edit"),
    path("<int:pk>/questions/<int:question_pk>/delete/", office.question_delete, name="question_delete"),
    path("<int:pk>/publish/", office.publish, name="publish"),
    path("<int:pk>/results/", office.generate, name="generate"),
    path("<int:pk>/results/publish/", office.publish_results, name="publish_results"),
    path("<int:pk>/responses.csv", office.responses_csv, name="responses_csv"),
]
