from django.urls import path
from django.views.generic import RedirectView

from gongkai.accounts.decorators import office_required

from ..normative.views import office as normative_office
from ..views import columns_office, office

urlpatterns = [
    path("", office.items, name="items"),
    # API tokens moved to accounts (/office/accounts/tokens/, ADR 0033); the old address still leads there.
    path(
        "tokens/",
        office_required(RedirectView.as_view(pattern_name="accounts_office:tokens", permanent=True)),
        name="tokens",
    ),
    path("new/", office.item_new, name="item_new"),
    path("<int:pk>/", office.item, name="item"),
    path("<int:pk>/correct/", office.correct, name="correct"),
    path("revisions/<int:pk>/edit/", office.revision_edit, name="revision_edit"),
    path("revisions/<int:pk>/preview/", office.revision_preview, name="revision_preview"),
    path("revisions/<int:pk>/attachments/", office.attachment_add, name="attachment_add"),
    path("attachments/<int:pk>/delete/", office.attachment_delete, name="attachment_delete"),
    path("deadlines/", office.deadlines, name="deadlines"),
    path("<int:pk>/normative/", normative_office.register, name="normative_register"),
    path("normative/", normative_office.documents, name="normative"),
    path("normative/<int:pk>/", normative_office.document, name="normative_detail"),
    path("normative/<int:pk>/status/", normative_office.change_status, name="normative_status"),
    path("cleanup/", normative_office.cleanups, name="cleanups"),
    path("cleanup/new/", normative_office.cleanup_new, name="cleanup_new"),
    path("cleanup/<int:pk>/", normative_office.cleanup, name="cleanup"),
    path("cleanup/<int:pk>/decide/", normative_office.cleanup_decide, name="cleanup_decide"),
    path("cleanup/<int:pk>/publish/", normative_office.cleanup_publish, name="cleanup_publish"),
    path(
        "cleanup/decisions/<int:pk>/delete/",
        normative_office.cleanup_decision_delete,
        name="cleanup_decision_delete",
    ),
    path("nodes/", office.nodes, name="nodes"),
    # 栏目管理 (issue 18 item 4, ADR 0050)
    path("columns/", columns_office.column_list, name="columns"),
    path("columns/new/", columns_office.column_new, name="column_new"),
    path("columns/<slug:slug>/", columns_office.column_edit, name="column_edit"),
    path("columns/<slug:slug>/<slug:action>/", columns_office.column_action, name="column_action"),
    path("nodes/new/", office.node_edit, name="node_new"),
    path("nodes/<int:pk>/", office.node_edit, name="node_edit"),
]
