"""Public pages of 在线访谈. During the interview the feed fragment is polled by htmx every few
seconds (no inline script); without JavaScript the 刷新 link reloads the page."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core import ratelimit
from gongkai.core.errors import DomainError
from gongkai.core.pagecache import evaluated_page, memoised
from gongkai.core.selectors import public_agency

from .. import selectors, services
from ..forms import QuestionForm

HDJL = ("互动交流", "/hdjl/")
LIST = ("在线访谈", "/hdjl/ft/")


def _interview(request, pk):
    agency = getattr(request, "agency", None) or public_agency()
    # The same for every reader until a committed write ends the page-cache generation (ADR 0043).
    interview = (
        memoised(
            f"interviews.one:{agency.pk}:{pk}",
            lambda: selectors.public_interviews(agency).filter(pk=pk).first(),
        )
        if agency
        else None
    )
    if interview is None:
        raise Http404("没有找到该访谈。")
    return interview


def interview_list(request):
    agency = getattr(request, "agency", None) or public_agency()
    if not agency:
        raise Http404
    number = request.GET.get("page")
    page = memoised(
        f"interviews.list:{agency.pk}:{number}",
        lambda: evaluated_page(selectors.public_interviews(agency), number, 20),
    )
    for i in page.object_list:  # the phase follows the clock: set on every request
        i.phase_label = services.PHASE_LABELS[services.phase(i)]
    return render(
        request,
        "interviews/portal/list.html",
        {
            "page_title": "在线访谈",
            "breadcrumb": [HDJL, ("在线访谈", None)],
            "page": page,
        },
    )


def _context(request, interview, form=None):
    phase = services.phase(interview)
    return {
        "page_title": interview.title,
        "breadcrumb": [HDJL, LIST, (interview.title, None)],
        "i": interview,
        "phase": phase,
        "phase_label": services.PHASE_LABELS[phase],
        **memoised(
            f"interviews.detail:{interview.agency_id}:{interview.pk}",
            lambda: {
                "entries": list(interview.entries.all()),
                "questions": list(selectors.public_questions(interview)),
            },
        ),
        "form": form or QuestionForm(),
        "now": timezone.now(),
    }


def detail(request, pk):
    interview = _interview(request, pk)
    return render(request, "interviews/portal/detail.html", _context(request, interview))


def feed(request, pk):
    """The live feed fragment (htmx polls it while the interview runs)."""
    interview = _interview(request, pk)
    response = render(request, "interviews/portal/_feed.html", _context(request, interview))
    response["Cache-Control"] = "no-cache"
    return response


@require_POST
def ask(request, pk):
    interview = _interview(request, pk)
    form = QuestionForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            services.ask(
                interview=interview,
                body=form.cleaned_data["body"],
                name=form.cleaned_data["name"],
                ip=ratelimit.client_ip(request),
            )
        except DomainError as exc:
            status = exc.http_status if exc.http_status in (409, 429) else 400
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            from django.contrib import messages

            messages.success(request, "您的问题已提交，经审核后显示。")
            return redirect("interviews:detail", pk=pk)
    return render(request, "interviews/portal/detail.html", _context(request, interview, form), status=status)
