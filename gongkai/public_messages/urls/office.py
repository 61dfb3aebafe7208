from django.urls import path

from ..views import office

urlpatterns = [
    path("", office.message_list, name="list"),
    path("<int:pk>/", office.detail, name="detail"),
    path("<int:pk>/act/", office.act, name="act"),
]
