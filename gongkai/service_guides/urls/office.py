from django.urls import path

from ..views import office

urlpatterns = [
    path("", office.guide_list, name="list"),
    path("new/", office.guide_new, name="new"),
    path("v/<int:pk>/", office.version, name="version"),
    path("v/<int:pk>/edit/", office.edit, name="edit"),
    path("v/<int:pk>/revise/", office.revise, name="revise"),
    path("v/<int:pk>/materials/new/", office.material_new, name="material_new"),
    path("materials/<int:pk>/edit/", office.material_edit, name="material_edit"),
    path("materials/<int:pk>/delete/", office.material_delete, name="material_delete"),
    path("materials/<int:pk>/file/", office.material_file, name="material_file"),
    path("errors/", office.errors, name="errors"),
    path("errors/<int:pk>/handle/", office.error_handle, name="error_handle"),
]
