from django.urls import path

from ..views import office

urlpatterns = [
    path("", office.home, name="home"),
    path("decisions/", office.decisions, name="decisions"),
    path("decisions/new/", office.decision_new, name="decision_new"),
    path("decisions/<int:pk>/", office.decision, name="decision"),
    path("decisions/<int:pk>/edit/", office.decision_edit, name="decision_edit"),
    path("decisions/<int:pk>/change/", office.decision_change, name="decision_change"),
    path("ref/<str:kind>/", office.references, name="references"),
    path("ref/<str:kind>/new/", office.reference_edit, name="reference_new"),
    path("ref/<str:kind>/<int:pk>/", office.reference_edit, name="reference_edit"),
    path("inspections/", office.inspections, name="inspections"),
    path("inspections/new/", office.inspection_new, name="inspection_new"),
    path("inspections/<int:pk>/", office.inspection, name="inspection"),
    path("inspections/<int:pk>/draw/", office.inspection_draw, name="inspection_draw"),
    path("inspections/<int:pk>/verify/", office.inspection_verify, name="inspection_verify"),
    path("inspections/<int:pk>/complete/", office.inspection_complete, name="inspection_complete"),
    path("inspections/<int:pk>/publish/", office.inspection_publish, name="inspection_publish"),
    path("listings/", office.listings, name="listings"),
    path("listings/new/", office.listing_new, name="listing_new"),
    path("listings/<int:pk>/<str:action>/", office.listing_action, name="listing_action"),
]
