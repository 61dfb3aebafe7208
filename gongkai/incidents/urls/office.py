from django.urls import path

from ..views import office

urlpatterns = [
    path("", office.console, name="console"),
    path("new/", office.register, name="new"),
    path("<int:pk>/", office.detail, name="detail"),
    path("<int:pk>/releases/", office.add_release, name="add_release"),
    path("<int:pk>/releases/<int:release_pk>/edit/", office.edit_release, name="edit_release"),
    path("<int:pk>/releases/<int:release_pk>/correct/", office.correct_release, name="correct_release"),
    path("<int:pk>/releases/<int:release_pk>/urgent/", office.urgent_publish, name="urgent_publish"),
    path("<int:pk>/severity/", office.change_severity, name="severity"),
    path("<int:pk>/press-conference/", office.press_conference, name="press_conference"),
    path("<int:pk>/close/", office.close, name="close"),
    path("<int:pk>/compliance.csv", office.compliance_csv, name="compliance_csv"),
]
