from django.urls import path

from ..views import office

urlpatterns = [
    path("", office.index, name="index"),
    path("work_report/<int:pk>/break-down/", office.break_down, name="break_down"),
    path("<slug:kind>/new/", office.edit, name="new"),
    path("<slug:kind>/<int:pk>/", office.detail, name="detail"),
    path("<slug:kind>/<int:pk>/edit/", office.edit, name="edit"),
    path("<slug:kind>/<int:pk>/publish/", office.publish, name="publish"),
]
