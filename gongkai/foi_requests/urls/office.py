from django.urls import path

from ..views import office

urlpatterns = [
    path("", office.register, name="register"),
    path("new/", office.new, name="new"),
    path("<int:pk>/", office.detail, name="detail"),
    path("<int:pk>/act/<str:name>/", office.action, name="action"),
    path("<int:pk>/upload/", office.upload, name="upload"),
    path("<int:pk>/attach-item/", office.attach_item, name="attach_item"),
    path("<int:pk>/documents/<int:doc_pk>/", office.document, name="document"),
    path("<int:pk>/documents/<int:doc_pk>/override/", office.override, name="override"),
    path("<int:pk>/letter/", office.letter, name="letter"),
    path("<int:pk>/notices/<int:event_pk>/", office.notice, name="notice"),
    path("frequent/", office.frequent, name="frequent"),
    path("templates/", office.templates, name="templates"),
    path("templates/<str:kind>/", office.template_edit, name="template_edit"),
    path("statistics/", office.table3, name="statistics"),
    path("statistics/cell/", office.table3_cell, name="statistics_cell"),
    path("review-cases/", office.review_cases, name="review_cases"),
    path("review-cases/<int:pk>/", office.review_case_edit, name="review_case_edit"),
]
