from django.urls import path

from ..views import portal

urlpatterns = [
    path("xxgk/ndbg/", portal.reports, name="list"),
    path("xxgk/ndbg/<int:year>/", portal.detail, name="detail"),
    path("xxgk/ndbg/<int:year>/docx/", portal.docx, name="docx"),
]
