from django.urls import path

from ..views import city, portal

urlpatterns = [
    # The city's one request entry (issue 18 item 3): every agency of the platform.
    path("ysqgk/", city.apply, name="city_apply"),
    path("ysqgk/which-agency/", city.which_agency, name="city_which_agency"),
    path("xxgk/ysqgk/", portal.landing, name="landing"),
    path("xxgk/ysqgk/apply/", portal.apply, name="apply"),
    path("xxgk/ysqgk/done/<str:number>/<str:token>/", portal.done, name="done"),
    path("xxgk/ysqgk/track/", portal.track_form, name="track_form"),
    path("xxgk/ysqgk/track/<str:number>/<str:token>/", portal.track, name="track"),
    path("xxgk/ysqgk/track/<str:number>/<str:token>/letter/", portal.letter_html, name="letter"),
    path("xxgk/ysqgk/track/<str:number>/<str:token>/letter.docx", portal.letter_docx, name="letter_docx"),
    path("xxgk/ysqgk/track/<str:number>/<str:token>/documents/<int:pk>/", portal.document, name="document"),
    path("xxgk/ysqgk/track/<str:number>/<str:token>/supplement/", portal.supplement, name="supplement"),
    path("xxgk/ysqgk/track/<str:number>/<str:token>/notices/<int:event_pk>/", portal.notice, name="notice"),
    path(
        "xxgk/ysqgk/track/<str:number>/<str:token>/notices/<int:event_pk>.docx",
        portal.notice_docx,
        name="notice_docx",
    ),
]
