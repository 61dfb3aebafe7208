"""The public pages of 依申请公开: the guide, the form (works without JavaScript), the confirmation
with the secret link, and the tracking page with the deadline ledger and the answer."""

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from gongkai.core import secret_links
from gongkai.core.errors import DomainError, NotFound, ValidationFailed
from gongkai.core.selectors import public_agency

from .. import letters, selectors, services
from ..clock import ANSWER_DAYS, SUPPLEMENT_NOTICE_DAYS
from ..forms import ApplicantSupplementForm, ApplicationForm
from ..models import RequestDocument
from ..outcomes import REMEDIES_GENERAL, REMEDIES_REVIEW_FIRST
from ..states import Action, Status

# Online submissions per address per hour (a form anyone can post to).
APPLY_LIMIT = 5
APPLY_WINDOW_SECONDS = 3600
BREADCRUMB = [("政府信息公开", "/xxgk/"), ("依申请公开", "/xxgk/ysqgk/")]


def _client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


def rate_limited(request, scope: str = "apply") -> bool:
    key = f"foi:{scope}:{_client_ip(request)}"
    count = cache.get(key, 0)
    if count >= APPLY_LIMIT:
        return True
    cache.set(key, count + 1, APPLY_WINDOW_SECONDS)
    return False


def landing(request):
    return render(
        request,
        "foi_requests/portal/landing.html",
        {
            "page_title": "依申请公开",
            "breadcrumb": BREADCRUMB[:1] + [("依申请公开", None)],
            "answer_days": ANSWER_DAYS,
            "supplement_days": SUPPLEMENT_NOTICE_DAYS,
            "remedies_general": REMEDIES_GENERAL,
            "remedies_review_first": REMEDIES_REVIEW_FIRST,
        },
    )


@require_http_methods(["GET", "POST"])
def apply(request):
    agency = public_agency()
    if agency is None:
        raise Http404
    form = ApplicationForm(request.POST or None)
    limited = False
    if request.method == "POST" and form.is_valid():
        if rate_limited(request):
            limited = True
            form.add_error(None, "提交过于频繁，请一小时后再试，或拨打政务公开咨询电话。")
        else:
            try:
                foi_request = services.submit_application(agency=agency, data=form.cleaned_data)
            except ValidationFailed as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                return redirect("foi:done", number=foi_request.tracking_number, token=foi_request.link_token)
    status = 429 if limited else (400 if request.method == "POST" else 200)
    return render(
        request,
        "foi_requests/portal/apply.html",
        {"page_title": "在线申请", "form": form, "breadcrumb": [*BREADCRUMB, ("在线申请", None)]},
        status=status,
    )


def done(request, number, token):
    foi_request = _get(number, token)
    link = request.build_absolute_uri(reverse("foi:track", args=[number, token]))
    return secret_links.private(
        render(
            request,
            "foi_requests/portal/done.html",
            {
                "page_title": "申请已提交",
                "foi_request": foi_request,
                "link": link,
                "breadcrumb": [*BREADCRUMB, ("申请已提交", None)],
            },
        )
    )


def track_form(request):
    number = request.GET.get("number", "").strip()
    token = request.GET.get("token", "").strip()
    error = ""
    if number or token:
        try:
            selectors.request_for_applicant(number, token)
        except NotFound as exc:
            error = exc.message
        else:
            return redirect("foi:track", number=number, token=token)
    return secret_links.private(
        render(
            request,
            "foi_requests/portal/track_form.html",
            {
                "page_title": "查询办理进度",
                "number": number,
                "error": error,
                "breadcrumb": [*BREADCRUMB, ("查询办理进度", None)],
            },
            status=404 if error else 200,
        )
    )


def _get(number, token):
    try:
        foi_request = selectors.request_for_applicant(number, token)
    except NotFound:
        raise Http404("没有找到该申请。")
    foi_request.link_token = token  # the visitor's own token, for the page's links (never saved)
    return foi_request


def _track_context(foi_request, supplement_form=None) -> dict:
    clock = selectors.clock_for(foi_request)
    documents = foi_request.documents.filter(is_public=True).select_related("catalogue_item")
    awaiting = foi_request.status == Status.AWAITING_SUPPLEMENT
    return {
        "page_title": f"申请 {foi_request.tracking_number}",
        "foi_request": foi_request,
        "clock": clock,
        "events": selectors.public_events(foi_request),
        "documents": documents,
        "letter": letters.letter_for(foi_request) if foi_request.outcome else None,
        "notices": letters.notices_for(foi_request, for_applicant=True),
        "supplement_form": (supplement_form or ApplicantSupplementForm()) if awaiting else None,
        "supplement_notice": (
            foi_request.events.filter(kind=Action.REQUEST_SUPPLEMENT).last() if awaiting else None
        ),
        "forwarded_to": selectors.forwarded_copy(foi_request),
        "breadcrumb": [*BREADCRUMB, (foi_request.tracking_number, None)],
    }


def track(request, number, token):
    foi_request = _get(number, token)
    return secret_links.private(
        render(request, "foi_requests/portal/track.html", _track_context(foi_request))
    )


@require_http_methods(["POST"])
def supplement(request, number, token):
    """The applicant's 补正 through the secret link; only while a supplement notice is pending."""
    foi_request = _get(number, token)
    if foi_request.status != Status.AWAITING_SUPPLEMENT:
        raise Http404("本申请当前不需要补正。")
    form = ApplicantSupplementForm(request.POST)
    status = 400
    if form.is_valid():
        if rate_limited(request, scope="supplement"):
            form.add_error(None, "提交过于频繁，请一小时后再试。")
            status = 429
        else:
            try:
                services.supply_supplement(foi_request=foi_request, text=form.cleaned_data["text"])
            except DomainError as exc:
                exc.show_on(form)
            else:
                return redirect(reverse("foi:track", args=[number, token]) + "#ledger-title")
    foi_request = _get(number, token)
    return secret_links.private(
        render(request, "foi_requests/portal/track.html", _track_context(foi_request, form), status=status)
    )


def notice(request, number, token, event_pk, fmt="html"):
    """A notice (补正告知书, 延长答复期限告知书, 收费通知书) the applicant was sent."""
    foi_request = _get(number, token)
    data = letters.notice_for(foi_request, event_pk, for_applicant=True)
    if data is None:
        raise Http404
    if fmt == "docx":
        return secret_links.private(
            _bytes_docx(letters.notice_docx(data), f"{foi_request.tracking_number}-{event_pk}")
        )
    return secret_links.private(
        render(
            request,
            "foi_requests/letter_print.html",
            {"letter": data, "paragraphs": letters.paragraphs(data["text"]), "page_title": data["title"]},
        )
    )


def notice_docx(request, number, token, event_pk):
    return notice(request, number, token, event_pk, fmt="docx")


def letter_html(request, number, token):
    foi_request = _get(number, token)
    if not foi_request.outcome:
        raise Http404
    return secret_links.private(
        render(
            request,
            "foi_requests/letter_print.html",
            {
                "letter": letters.letter_for(foi_request),
                "paragraphs": letters.paragraphs(letters.letter_for(foi_request)["text"]),
                "page_title": "答复书",
            },
        )
    )


def letter_docx(request, number, token):
    foi_request = _get(number, token)
    if not foi_request.outcome:
        raise Http404
    return secret_links.private(_docx_response(foi_request))


def _docx_response(foi_request):
    return _bytes_docx(letters.letter_docx(foi_request), foi_request.tracking_number)


def _bytes_docx(data: bytes, stem: str):
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f'attachment; filename="{stem}.docx"'
    return response


def document(request, number, token, pk):
    foi_request = _get(number, token)
    doc = foi_request.documents.filter(pk=pk, is_public=True).exclude(file="").first()
    if doc is None:
        raise Http404
    return secret_links.private(_file_response(doc))


def _file_response(doc: RequestDocument):
    response = HttpResponse(doc.file.open("rb").read(), content_type=doc.mime or "application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{doc.file.name.rsplit("/", 1)[-1]}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
