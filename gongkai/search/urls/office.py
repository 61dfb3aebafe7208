from django.urls import path

from ..views import office, synonyms

urlpatterns = [
    path("", office.status, name="status"),
    path("synonyms/", synonyms.synonym_list, name="synonyms"),
    path("synonyms/<int:pk>/", synonyms.synonym_edit, name="synonym_edit"),
    path("synonyms/<int:pk>/remove/", synonyms.synonym_remove, name="synonym_remove"),
]
