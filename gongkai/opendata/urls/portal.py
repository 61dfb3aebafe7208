from django.urls import path

from ..views import portal

urlpatterns = [
    path("sjfb/data/", portal.database, name="database"),
    path("sjfb/data/<slug:code>/", portal.dataset, name="dataset"),
    path("sjfb/data/<slug:code>/download.<str:fmt>", portal.download, name="download"),
    path("sjfb/census/", portal.census, name="census"),
    path("sjfb/calendar/", portal.calendar, name="calendar"),
    path("sjfb/releases/<int:pk>/", portal.release, name="release"),
    path("sjfb/bulletins/", portal.bulletins, name="bulletins"),
    path("sjfb/analysis/", portal.analysis, name="analysis"),
    path("sjfb/catalogue/", portal.catalogue, name="catalogue"),
    path("sjfb/catalogue/token/", portal.use_token, name="use_token"),
    path("sjfb/catalogue/status/", portal.application_status, name="application_status"),
    path("sjfb/catalogue/<slug:code>/apply/", portal.apply, name="apply"),
    path("sjfb/surveys/", portal.surveys, name="surveys"),
    path("sjfb/surveys/<int:pk>/", portal.survey, name="survey"),
]
