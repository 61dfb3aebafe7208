from django.urls import include, path

urlpatterns = [
    path("office/", include(("gongkai.web.urls.office", "office"))),
    path("office/accounts/", include(("gongkai.accounts.urls.office", "accounts_office"))),
    path("office/audit/", include(("gongkai.web.urls.audit", "audit_office"))),
    path("office/notifications/", include(("gongkai.notifications.urls.office", "notifications_office"))),
    path("office/outbox/", include(("gongkai.outbox.urls.office", "outbox_office"))),
    path("office/workdays/", include(("gongkai.workdays.urls.office", "workdays_office"))),
    path(
        "office/confidentiality/", include(("gongkai.confidentiality.urls.office", "confidentiality_office"))
    ),
    path("office/publishing/", include(("gongkai.publishing.urls.office", "publishing_office"))),
    path("office/catalogue/", include(("gongkai.catalogue.urls.office", "catalogue_office"))),
    path("office/search/", include(("gongkai.search.urls.office", "search_office"))),
    path("office/foi/", include(("gongkai.foi_requests.urls.office", "foi_office"))),
    path("office/data/", include(("gongkai.opendata.urls.office", "opendata_office"))),
    path("office/consultations/", include(("gongkai.consultations.urls.office", "consultations_office"))),
    path("office/messages/", include(("gongkai.public_messages.urls.office", "public_messages_office"))),
    path("office/press/", include(("gongkai.press.urls.office", "press_office"))),
    path("office/newmedia/", include(("gongkai.newmedia.urls.office", "newmedia_office"))),
    path("office/incidents/", include(("gongkai.incidents.urls.office", "incidents_office"))),
    path("office/assessment/", include(("gongkai.assessment.urls.office", "assessment_office"))),
    path(
        "office/self-inspection/", include(("gongkai.self_inspection.urls.office", "self_inspection_office"))
    ),
    path("office/interviews/", include(("gongkai.interviews.urls.office", "interviews_office"))),
    path(
        "office/interpretations/", include(("gongkai.interpretations.urls.office", "interpretations_office"))
    ),
    path(
        "office/responsibilities/",
        include(("gongkai.responsibilities.urls.office", "responsibilities_office")),
    ),
    path("office/enforcement/", include(("gongkai.enforcement.urls.office", "enforcement_office"))),
    path("office/service-guides/", include(("gongkai.service_guides.urls.office", "service_guides_office"))),
    path("office/annual-reports/", include(("gongkai.annual_reports.urls.office", "annual_reports_office"))),
    path("office/key-tasks/", include(("gongkai.key_tasks.urls.office", "key_tasks_office"))),
    path("office/surveys/", include(("gongkai.surveys.urls.office", "surveys_office"))),
    path("office/results/", include(("gongkai.results.urls.office", "results_office"))),
    path("office/city/", include(("gongkai.cityops.urls.office", "cityops_office"))),
    # --- the city platform (issue 18): city portal at /city/, agency administration, per-agency rules
    path("office/platform/", include(("gongkai.city.urls.office", "city_office"))),
    path("", include(("gongkai.city.urls.portal", "city"))),
    path("", include(("gongkai.data_standards.urls.portal", "data_standards"))),
    path("api/v1/", include("gongkai.web.urls.api")),
    path("", include(("gongkai.annual_reports.urls.portal", "annual_reports"))),
    path("", include(("gongkai.interpretations.urls.portal", "interpretations"))),
    path("", include(("gongkai.consultations.urls.portal", "consultations"))),
    path("", include(("gongkai.public_messages.urls.portal", "public_messages"))),
    path("", include(("gongkai.interviews.urls.portal", "interviews"))),
    path("", include(("gongkai.incidents.urls.portal", "incidents"))),
    path("", include(("gongkai.newmedia.urls.portal", "newmedia"))),
    path("", include(("gongkai.press.urls.portal", "press"))),
    path("", include(("gongkai.notifications.urls.portal", "notifications"))),
    path("", include(("gongkai.responsibilities.urls.portal", "responsibilities"))),
    path("", include(("gongkai.enforcement.urls.portal", "enforcement"))),
    path("", include(("gongkai.service_guides.urls.portal", "service_guides"))),
    path("", include(("gongkai.key_tasks.urls.portal", "key_tasks"))),
    path("", include(("gongkai.surveys.urls.portal", "surveys"))),
    path("", include(("gongkai.results.urls.portal", "results"))),
    path("", include(("gongkai.opendata.urls.portal", "opendata"))),
    path("", include(("gongkai.foi_requests.urls.portal", "foi"))),
    path("", include(("gongkai.citizens.urls.portal", "citizens"))),
    path("", include(("gongkai.search.urls.portal", "search"))),
    path("", include(("gongkai.confidentiality.urls.portal", "confidentiality"))),
    path("", include(("gongkai.publishing.urls.portal", "publishing"))),
    path("", include(("gongkai.catalogue.urls.portal", "catalogue"))),
    path("", include(("gongkai.web.urls.portal", "portal"))),
]

handler404 = "gongkai.web.views.errors.not_found"
handler500 = "gongkai.web.views.errors.server_error"
handler403 = "gongkai.web.views.errors.forbidden"
handler400 = "gongkai.web.views.errors.bad_request"
