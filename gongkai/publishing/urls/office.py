from django.urls import path

from ..views import office

urlpatterns = [
    path("", office.queue, name="queue"),
    path("drafts/", office.drafts, name="drafts"),
    path("review/", office.review, name="review"),
    path("approvals/", office.approvals, name="approvals"),
    path("scheduled/", office.scheduled, name="scheduled"),
    path("published/", office.published, name="published"),
    path("<int:pk>/", office.detail, name="detail"),
    path("<int:pk>/submit/", office.submit, name="submit"),
    path("<int:pk>/pass/", office.pass_review, name="pass_review"),
    path("<int:pk>/return/", office.return_to_draft, name="return"),
    path("<int:pk>/approve/", office.approve, name="approve"),
    path("<int:pk>/withdraw/", office.withdraw, name="withdraw"),
    path("findings/<int:finding_pk>/override/", office.override_finding, name="override_finding"),
    path("substitute/", office.substitute, name="substitute"),
    path("substitute/end/", office.substitute_end, name="substitute_end"),
]
