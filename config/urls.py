from django.urls import include, path

urlpatterns = [
    path("office/", include(("gongkai.web.urls.office", "office"))),
    path("office/accounts/", include(("gongkai.accounts.urls.office", "accounts_office"))),
    path("office/audit/", include(("gongkai.web.urls.audit", "audit_office"))),
    path("office/workdays/", include(("gongkai.workdays.urls.office", "workdays_office"))),
    path("api/v1/", include("gongkai.web.urls.api")),
    path("", include(("gongkai.web.urls.portal", "portal"))),
]

handler404 = "gongkai.web.views.errors.not_found"
handler500 = "gongkai.web.views.errors.server_error"
handler403 = "gongkai.web.views.errors.forbidden"
