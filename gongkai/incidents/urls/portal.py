from django.urls import path

from ..views import portal

urlpatterns = [
    path("xwfb/rdhy/", portal.responses, name="responses"),
    path("xwfb/rdhy/<int:pk>/", portal.detail, name="detail"),
]
