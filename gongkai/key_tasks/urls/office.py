from django.urls import path

from ..views import office

urlpatterns = [
    path("", office.task_list, name="list"),
    path("new/", office.task_edit, name="new"),
    path("<int:pk>/", office.task_detail, name="task"),
    path("<int:pk>/edit/", office.task_edit, name="edit"),
    path("<int:pk>/publish/", office.task_publish, name="publish"),
    path("<int:pk>/milestones/new/", office.milestone_edit, name="milestone_new"),
    path("<int:pk>/milestones/<int:milestone_pk>/", office.milestone_edit, name="milestone_edit"),
    path("<int:pk>/report/", office.report, name="report"),
    path("findings/", office.finding_list, name="findings"),
    path("findings/new/", office.finding_new, name="finding_new"),
    path("findings/<int:pk>/", office.finding_detail, name="finding"),
    path("findings/<int:pk>/rectify/", office.rectify, name="rectify"),
    path("findings/<int:pk>/decide/", office.decide, name="decide"),
    path("findings/<int:pk>/publish/", office.finding_publish, name="finding_publish"),
    path("notices/", office.notice_list, name="notices"),
    path("notices/new/", office.notice_edit, name="notice_new"),
    path("notices/<int:pk>/", office.notice_detail, name="notice"),
    path("notices/<int:pk>/edit/", office.notice_edit, name="notice_edit"),
    path("notices/<int:pk>/publish/", office.notice_publish, name="notice_publish"),
]
