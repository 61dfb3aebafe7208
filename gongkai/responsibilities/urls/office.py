from django.urls import path

from ..views import office

urlpatterns = [
    path("", office.versions, name="list"),
    path("adjust/", office.adjust, name="adjust"),
    path("import/", office.import_file, name="import"),
    path("v/<int:pk>/", office.version, name="version"),
    path("v/<int:pk>/export/", office.export, name="export"),
    path("v/<int:pk>/items/new/", office.item_new, name="item_new"),
    path("items/<int:pk>/edit/", office.item_edit, name="item_edit"),
    path("items/<int:pk>/delete/", office.item_delete, name="item_delete"),
]
