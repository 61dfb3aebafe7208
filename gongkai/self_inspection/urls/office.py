from django.urls import path

from ..views import office

urlpatterns = [
    path("", office.campaigns, name="campaigns"),
    path("new/", office.campaign_new, name="campaign_new"),
    path("<int:pk>/", office.campaign, name="campaign"),
    path("<int:pk>/collect/", office.collect, name="collect"),
    path("<int:pk>/close/", office.close, name="close"),
    path("<int:pk>/report.docx", office.report_docx, name="report"),
    path("entries/<int:pk>/decide/", office.decide, name="decide"),
    path("negative-list/<int:pk>/", office.review, name="review"),
]
