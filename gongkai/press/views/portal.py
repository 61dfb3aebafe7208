"""新闻发布: spokespersons, conferences (notice, live feed, transcript, registration), media requests."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai.core import ratelimit
from gongkai.core.errors import DomainError
from gongkai.core.pagecache import evaluated_page, memoised
from gongkai.core.selectors import public_agency

from .. import selectors, services
from ..forms import MediaRequestForm, RegistrationForm

XWFB = ("新闻发布", "/xwfb/")


def _agency(request):
    agency = getattr(request, "agency", None) or public_agency()
    if agency is None:
        raise Http404
    return agency


def spokespersons(request):
    agency = _agency(request)
    return render(
        request,
        "press/portal/spokespersons.html",
        {
            "page_title": "新闻发言人",
            "breadcrumb": [XWFB, ("新闻发言人", None)],
            "people": memoised(
                f"press.people:{agency.pk}", lambda: list(selectors.public_spokespersons(agency))
            ),
        },
    )


def conferences(request):
    agency = _agency(request)
    number = request.GET.get("page")
    page = memoised(
        f"press.conferences:{agency.pk}:{number}",
        lambda: evaluated_page(selectors.public_conferences(agency), number, 20),
    )
    now = timezone.now()  # the phase follows the clock: set on every request
    for c in page.object_list:
        c.phase_label = services.PHASE_LABELS[services.phase(c, now)]
    return render(
        request,
        "press/portal/conferences.html",
        {"page_title": "新闻发布会", "breadcrumb": [XWFB, ("新闻发布会", None)], "page": page},
    )


def _conference(request, pk):
    conference = selectors.public_conferences(_agency(request)).filter(pk=pk).first()
    if conference is None:
        raise Http404("没有找到该发布会。")
    return conference


def _context(request, conference, form=None):
    from gongkai.publishing.selectors import is_public

    def kept():
        # What only a committed write or a publication minute changes (ADR 0043/0063); the phase and
        # the data release's minute depend on the clock and are worked out per request below.
        release = conference.data_release if conference.data_release_id else None
        return {
            "entries": list(conference.entries.all()),
            "attachments": list(conference.attachments.all()),
            "release": release,
            "release_published": release is not None and is_public(release),
            "interpretation_public": conference.interpretation_id and is_public(conference.interpretation),
        }

    found = memoised(f"press.conference:{conference.agency_id}:{conference.pk}", kept)
    release = found["release"]
    current = services.phase(conference)
    return {
        "page_title": conference.title,
        "breadcrumb": [XWFB, ("新闻发布会", "/xwfb/fbh/"), (conference.title, None)],
        "c": conference,
        "phase": current,
        "phase_label": services.PHASE_LABELS[current],
        "entries": found["entries"],
        "attachments": found["attachments"],
        "speakers": [line.strip() for line in conference.speakers.splitlines() if line.strip()],
        "form": form or RegistrationForm(),
        "can_register": conference.registration_open and current == services.UPCOMING,
        "release_public": conference.data_release_id
        and release.scheduled_at <= timezone.now()
        and found["release_published"],
        "interpretation_public": found["interpretation_public"],
    }


def conference(request, pk):
    c = _conference(request, pk)
    if request.method == "POST":
        form = RegistrationForm(request.POST)
        if form.is_valid():
            try:
                services.register_media(conference=c, ip=ratelimit.client_ip(request), **form.cleaned_data)
            except DomainError as exc:
                exc.show_on(form)
            else:
                messages.success(request, "报名已收到。请携带记者证按时到场，现场核验。")
                return redirect("press:conference", pk=c.pk)
        return render(request, "press/portal/conference.html", _context(request, c, form), status=422)
    return render(request, "press/portal/conference.html", _context(request, c))


def feed(request, pk):
    c = _conference(request, pk)
    return render(
        request, "press/portal/_feed.html", {"entries": list(c.entries.all()), "phase": services.phase(c)}
    )


def media_request(request):
    agency = _agency(request)
    form = MediaRequestForm(request.POST or None)
    done = None
    if request.method == "POST" and form.is_valid():
        try:
            done = services.submit_media_request(
                agency=agency, ip=ratelimit.client_ip(request), **form.cleaned_data
            )
        except DomainError as exc:
            exc.show_on(form)
    return render(
        request,
        "press/portal/media_request.html",
        {
            "page_title": "媒体采访",
            "breadcrumb": [XWFB, ("媒体采访", None)],
            "form": form,
            "done": done,
            "days": services.media_reply_days(),
        },
        status=422 if request.method == "POST" and not done else 200,
    )


def attachment(request, pk, attachment_pk):
    from django.http import HttpResponse
    from django.utils.http import content_disposition_header

    c = _conference(request, pk)
    item = c.attachments.filter(pk=attachment_pk).first()
    if item is None:
        raise Http404
    with item.file.open("rb") as handle:
        data = handle.read()
    response = HttpResponse(data, content_type=item.content_type)
    response["Content-Disposition"] = content_disposition_header(True, item.filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response
