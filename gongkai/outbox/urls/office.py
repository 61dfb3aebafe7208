from django.urls import path

from ..views import office

urlpatterns = [
    path("", office.message_list, name="list"),
    path("<int:pk>/", office.message_detail, name="detail"),
    path("<int:pk>/retry/", office.message_retry, name="retry"),
    path("endpoints/", office.endpoint_list, name="endpoints"),
    path("endpoints/new/", office.endpoint_edit, name="endpoint_new"),
    path("endpoints/<int:pk>/", office.endpoint_edit, name="endpoint_edit"),
]
