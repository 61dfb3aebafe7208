from django.urls import path

from ..views import office

urlpatterns = [
    path("", office.year_list, name="years"),
    path("seed/", office.seed, name="seed"),
    path("calculator/", office.calculator, name="calculator"),
    path("<int:year>/", office.year_detail, name="year"),
    path("<int:year>/days/add/", office.day_add, name="day_add"),
    path("<int:year>/days/<int:pk>/remove/", office.day_remove, name="day_remove"),
    path("<int:year>/announce/", office.announce, name="announce"),
    path("<int:year>/import/", office.import_schedule, name="import"),
]
