from django.urls import path

from ..access import embargo_cached
from ..views import portal

# Every public data page carries Cache-Control bounded by the next release minute (access.py).
_portal_patterns = [
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

PERSONAL = {"use_token", "application_status", "apply"}  # forms and answers for one visitor: never cached
for _pattern in _portal_patterns:
    if _pattern.name not in PERSONAL:
        _pattern.callback = embargo_cached(_pattern.callback)
urlpatterns = _portal_patterns
