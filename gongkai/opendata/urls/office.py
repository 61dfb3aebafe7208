from django.urls import path

from ..views import office, office_metadata

urlpatterns = [
    path("", office.home, name="home"),
    path("datasets/<slug:code>/", office.dataset, name="dataset"),
    path("datasets/<slug:code>/upload/", office.upload, name="upload"),
    path("tasks/<int:pk>/", office.task, name="task"),
    path("releases/new/", office.release_new, name="release_new"),
    path("releases/<int:pk>/", office.release, name="release"),
    path("applications/", office.applications, name="applications"),
    path("applications/<int:pk>/", office.application, name="application"),
    path("catalogue/", office_metadata.resource_list, name="resources"),
    path("catalogue/new/", office_metadata.resource_new, name="resource_new"),
    path("catalogue/<slug:code>/", office_metadata.resource_edit, name="resource_edit"),
    path("indicators/", office_metadata.indicator_list, name="indicators"),
    path("indicators/<int:pk>/", office_metadata.indicator_edit, name="indicator_edit"),
    path("surveys/", office_metadata.survey_list, name="surveys"),
    path("surveys/new/", office_metadata.survey_new, name="survey_new"),
    path("surveys/<int:pk>/", office_metadata.survey_edit, name="survey_edit"),
]
