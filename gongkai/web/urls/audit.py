from django.urls import path

from ..views import audit

urlpatterns = [
    path("", audit.events, name="events"),
    path("<int:pk>/", audit.event_detail, name="event"),
]
