from django.urls import path

from ..views import office

urlpatterns = [
    path("", office.reports, name="list"),
    path("new/", office.new, name="new"),
    path("<int:pk>/", office.detail, name="detail"),
    path("<int:pk>/submit/", office.submit, name="submit"),
    path("<int:pk>/docx/", office.docx, name="docx"),
    path("<int:pk>/redraft/<slug:section>/", office.redraft, name="redraft"),
]
