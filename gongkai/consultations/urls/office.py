from django.urls import path

from ..views import office

urlpatterns = [
    path("", office.consultation_list, name="list"),
    path("new/", office.consultation_new, name="new"),
    path("moderation/", office.moderation, name="moderation"),
    path("comments/<int:pk>/moderate/", office.comment_moderate, name="comment_moderate"),
    path("<int:pk>/", office.detail, name="detail"),
    path("<int:pk>/edit/", office.consultation_edit, name="edit"),
    path("<int:pk>/window/", office.window, name="window"),
    path("<int:pk>/attachments/", office.attachment_add, name="attachment_add"),
    path("<int:pk>/comments/new/", office.comment_register, name="comment_register"),
    path("<int:pk>/hearings/new/", office.hearing_edit, name="hearing_new"),
    path("<int:pk>/hearings/<int:hearing_pk>/", office.hearing_edit, name="hearing_edit"),
    path("<int:pk>/dispositions/", office.dispositions, name="dispositions"),
    path("<int:pk>/report/", office.report, name="report"),
    path("<int:pk>/final/", office.final_text, name="final_text"),
    path("<int:pk>/decision/", office.decision, name="decision"),
]
