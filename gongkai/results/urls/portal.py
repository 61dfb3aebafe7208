from django.urls import path

from ..views import portal

urlpatterns = [
    path("xxgk/jggk/", portal.index, name="index"),
    path("xxgk/jggk/plans/<int:pk>/", portal.plan, name="plan"),
    path("xxgk/jggk/work-reports/<int:pk>/", portal.work_report, name="work_report"),
    path("xxgk/jggk/projects/<int:pk>/", portal.project, name="project"),
    path("xxgk/jggk/decisions/<int:pk>/", portal.decision, name="decision"),
    path("xxgk/jggk/evaluations/<int:pk>/", portal.evaluation, name="evaluation"),
]
