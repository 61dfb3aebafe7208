from django.urls import path

from ..views import office

urlpatterns = [
    path("", office.overview, name="overview"),
    path("agencies/<slug:code>/", office.agency_detail, name="agency"),
    path("supervision/", office.supervision, name="supervision"),
    path("notices/", office.notices, name="notices"),
    path("notices/<int:pk>/", office.notice, name="notice"),
    path("annual-reports/", office.rollup, name="rollup"),
    path("annual-reports/template.xlsx", office.template_xlsx, name="template"),
    path("annual-reports/<int:year>.xlsx", office.rollup_xlsx, name="rollup_xlsx"),
    path("annual-reports/<int:year>/<slug:code>/", office.submit, name="submit"),
]
