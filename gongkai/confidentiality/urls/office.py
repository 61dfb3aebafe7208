from django.urls import path

from ..views import office

urlpatterns = [
    path("negative-list/", office.negative_list, name="negative_list"),
    path("negative-list/new/", office.negative_list_edit, name="negative_list_new"),
    path("negative-list/<int:pk>/", office.negative_list_edit, name="negative_list_edit"),
    path(
        "negative-list/<int:pk>/deactivate/", office.negative_list_deactivate, name="negative_list_deactivate"
    ),
    path("findings/<int:pk>/override/", office.override, name="override"),
    path("reports/<int:pk>/", office.report, name="report"),
    path("scan/", office.scan_tool, name="scan_tool"),
]
