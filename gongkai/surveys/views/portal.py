"""Public pages of 调查征集: the list, the questionnaire (one response per person), the results."""

import csv
import secrets

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from gongkai.core import ratelimit
from gongkai.core.errors import DomainError
from gongkai.core.pagecache import evaluated_page, memoised

from .. import rules, selectors, services
from ..forms import AnswerForm
from ..models import IdentityRule, Response

HDJL = ("互动交流", "/hdjl/")
LIST = ("调查征集", "/hdjl/dczj/")
COOKIE = "gk_voter"
COOKIE_SALT = "surveys.voter"
COOKIE_AGE = 365 * 24 * 3600


def _agency(request):
    agency = getattr(request, "agency", None)
    if not agency:
        raise Http404("没有可显示的机关。")
    return agency


def _survey(request, pk):
    survey = selectors.public_surveys(_agency(request)).filter(pk=pk).first()
    if survey is None:
        raise Http404("没有找到该调查。")
    return survey


def browser_token(request) -> str:
    return request.get_signed_cookie(COOKIE, default="", salt=COOKIE_SALT) or ""


def _remember(response, token: str) -> None:
    response.set_signed_cookie(
        COOKIE,
        token,
        salt=COOKIE_SALT,
        max_age=COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=getattr(settings, "SESSION_COOKIE_SECURE", False),
    )


def survey_list(request):
    agency = _agency(request)
    number = request.GET.get("page")

    def listing():
        now = timezone.now()
        page = evaluated_page(selectors.public_surveys(agency), number, 20)
        published = set(selectors.public_reports(agency).values_list("survey_id", flat=True))
        for s in page.object_list:
            s.phase = selectors.phase_of(s, now)
            s.phase_label = rules.PHASE_LABELS[s.phase]
            s.has_results = s.pk in published
        return page

    # Kept no longer than a stored page (the memo's bound, ADR 0043/0056): a phase follows the clock.
    page = memoised(f"surveys.list:{agency.pk}:{number}", listing)
    return render(request, "surveys/portal/list.html", {"page": page, "breadcrumb": [HDJL, (LIST[0], None)]})


def detail(request, pk):
    def published():
        survey = _survey(request, pk)
        return {
            "survey": survey,
            "questions": list(survey.questions.all()),
            "report": selectors.published_report(survey),
            "responses": survey.responses.count(),
        }

    # The survey, its questions, its report and the number of answers are the same for every reader
    # until a committed write (an answer is one) ends the page-cache generation (ADR 0043); whether this
    # visitor has answered, and the form, are not kept.
    kept = memoised(f"surveys.detail:{_agency(request).pk}:{pk}", published)
    survey = kept["survey"]
    questions = kept["questions"]
    token = browser_token(request) or secrets.token_urlsafe(16)
    by_email = survey.identity_rule == IdentityRule.EMAIL
    form = AnswerForm(request.POST or None, questions=questions, verify_email=by_email)
    refused = ""
    if request.method == "POST" and by_email and "send_code" in request.POST and form.is_valid():
        try:
            services.send_code(
                survey=survey, email=form.cleaned_data.get("email", ""), ip=ratelimit.client_ip(request)
            )
        except services.AlreadyAnswered as exc:
            refused = exc.message
        except DomainError as exc:
            exc.show_on(form)
        else:
            form.code_sent = True  # the answers stay as typed; the page asks for the code
    elif request.method == "POST" and form.is_valid():
        try:
            services.submit_response(
                survey=survey,
                answers=form.answers(),
                browser_token=token,
                ip=ratelimit.client_ip(request),
                email=form.cleaned_data.get("email", ""),
                code=form.cleaned_data.get("code", ""),
            )
        except services.AlreadyAnswered as exc:
            refused = exc.message
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, "答卷已提交，感谢您的参与！")
            response = redirect(reverse("surveys:detail", args=[survey.pk]) + "?submitted=1")
            _remember(response, token)
            return response
    key = services.voter_key(survey, browser_token=token, ip=ratelimit.client_ip(request))
    answered = bool(key) and Response.objects.filter(survey=survey, voter_key=key).exists()
    phase = selectors.phase_of(survey)
    response = render(
        request,
        "surveys/portal/detail.html",
        {
            "s": survey,
            "form": form,
            "phase": phase,
            "phase_label": rules.PHASE_LABELS[phase],
            "refused": refused,
            "answered": answered and not refused,
            "report": kept["report"],
            "responses": kept["responses"],
            "breadcrumb": [HDJL, LIST, (survey.title, None)],
        },
        status=409 if refused else 200,
    )
    _remember(response, token)
    return response


def results(request, pk):
    # The frozen results are the same for every reader until a committed write (ADR 0043).
    found = memoised(f"surveys.results:{_agency(request).pk}:{pk}", lambda: _results_context(request, pk))
    if found is None:
        raise Http404("该调查的结果尚未公布。")
    return render(request, "surveys/portal/results.html", found)


def _results_context(request, pk):
    survey = _survey(request, pk)
    report = selectors.published_report(survey)
    if report is None:
        return None
    questions = report.snapshot.get("questions", [])
    charts = []
    for n, q in enumerate(questions, start=1):
        if q["kind"] in ("single", "multiple"):
            charts.append(
                {
                    "id": f"chart-{n}",
                    "type": "bar",
                    "labels": [o["label"] for o in q["options"]],
                    "series": [{"name": "人数", "data": [o["count"] for o in q["options"]]}],
                }
            )
        elif q["kind"] == "scale":
            charts.append(
                {
                    "id": f"chart-{n}",
                    "type": "bar",
                    "labels": [o["label"] for o in q["points"]],
                    "series": [{"name": "人数", "data": [o["count"] for o in q["points"]]}],
                }
            )
        elif q["kind"] == "matrix":
            charts.append(
                {
                    "id": f"chart-{n}",
                    "type": "stack",
                    "labels": [r["label"] for r in q["rows"]],
                    "series": [
                        {"name": col, "data": [r["counts"][i] for r in q["rows"]]}
                        for i, col in enumerate(q["columns"])
                    ],
                }
            )
        else:
            charts.append(None)
    return {
        "s": survey,
        "report": report,
        "items": list(zip(questions, charts, strict=True)),
        "charts": [c for c in charts if c],
        "breadcrumb": [
            HDJL,
            LIST,
            (survey.title, reverse("surveys:detail", args=[survey.pk])),
            ("调查结果", None),
        ],
    }


def results_csv(request, pk):
    survey = _survey(request, pk)
    report = selectors.published_report(survey)
    if report is None:
        raise Http404("该调查的结果尚未公布。")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-results.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([report.title, f"有效答卷 {report.snapshot.get('responses', 0)} 份"])
    for row in rules.csv_rows(report.snapshot):
        writer.writerow(row)
    return response
