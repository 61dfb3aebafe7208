from django.urls import path

from ..views import portal

urlpatterns = [
    path("hdjl/dczj/", portal.survey_list, name="list"),
    path("hdjl/dczj/<int:pk>/", portal.detail, name="detail"),
    path("hdjl/dczj/<int:pk>/results/", portal.results, name="results"),
    path("hdjl/dczj/<int:pk>/results.csv", portal.results_csv, name="results_csv"),
]
