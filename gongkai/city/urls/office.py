from django.urls import path

from ..views import office

urlpatterns = [
    path("agencies/", office.agencies, name="agencies"),
    path("agencies/new/", office.agency_edit, name="agency_new"),
    path("agencies/<int:pk>/", office.agency, name="agency"),
    path("agencies/<int:pk>/edit/", office.agency_edit, name="agency_edit"),
    path("agencies/<int:pk>/close/", office.agency_close, name="agency_close"),
    path("agencies/<int:pk>/reopen/", office.agency_reopen, name="agency_reopen"),
    path("agencies/<int:pk>/administrator/", office.agency_administrator, name="agency_administrator"),
    path("agencies/<int:pk>/move-staff/", office.agency_move_staff, name="agency_move_staff"),
    path("rules/", office.rules, name="rules"),
    path("portal/", office.portal_settings, name="portal_settings"),
]
