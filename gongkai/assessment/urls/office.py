from django.urls import path

from ..views import office

urlpatterns = [
    path("", office.home, name="home"),
    path("inspect/", office.inspect_now, name="inspect"),
    path("runs/<int:pk>/", office.run, name="run"),
    path("indicators/<slug:code>/", office.indicator, name="indicator"),
    path("scores/", office.scores, name="scores"),
    path("scores.xlsx", office.scores_xlsx, name="scores_xlsx"),
    path("scores/<slug:code>/", office.drilldown, name="drilldown"),
    path("scheme/", office.scheme_edit, name="scheme"),
    path("deductions/new/", office.deduction_new, name="deduction_new"),
]
