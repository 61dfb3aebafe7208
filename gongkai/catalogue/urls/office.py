from django.urls import path

from ..views import office

urlpatterns = [
    path("", office.items, name="items"),
    path("new/", office.item_new, name="item_new"),
    path("<int:pk>/", office.item, name="item"),
    path("<int:pk>/correct/", office.correct, name="correct"),
    path("revisions/<int:pk>/edit/", office.revision_edit, name="revision_edit"),
    path("revisions/<int:pk>/preview/", office.revision_preview, name="revision_preview"),
    path("revisions/<int:pk>/attachments/", office.attachment_add, name="attachment_add"),
    path("attachments/<int:pk>/delete/", office.attachment_delete, name="attachment_delete"),
    path("deadlines/", office.deadlines, name="deadlines"),
    path("nodes/", office.nodes, name="nodes"),
    path("nodes/new/", office.node_edit, name="node_new"),
    path("nodes/<int:pk>/", office.node_edit, name="node_edit"),
]
