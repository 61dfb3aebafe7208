from django.urls import path

from ..views import office

urlpatterns = [
    path("", office.home, name="home"),
    path("spokespersons/new/", office.spokesperson_edit, name="spokesperson_new"),
    path("spokespersons/<int:pk>/", office.spokesperson_edit, name="spokesperson_edit"),
    path("conferences/new/", office.conference_edit, name="conference_new"),
    path("conferences/<int:pk>/", office.conference, name="conference"),
    path("conferences/<int:pk>/edit/", office.conference_edit, name="conference_edit"),
    path("conferences/<int:pk>/entries/", office.add_entry, name="add_entry"),
    path("conferences/<int:pk>/attachments/", office.add_attachment, name="add_attachment"),
    path("conferences/<int:pk>/held/", office.held, name="held"),
    path("requests/<int:pk>/", office.answer_request, name="answer_request"),
]
