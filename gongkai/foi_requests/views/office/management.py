"""Letter templates, table 三 with its drill-down, and the review and litigation cases of table 四."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from gongkai.accounts.decorators import permission_required
from gongkai.accounts.guard import scoped
from gongkai.accounts.permissions import has_perm
from gongkai.core.errors import DomainError
from gongkai.workdays.selectors import legal_today

from ... import letters, services, statistics
from ...forms import LetterTemplateForm, ReviewCaseForm
from ...models import FoiRequest, LetterTemplate, ReviewCase
from ...outcomes import ROWS_BY_KEY, TABLE3_HEADER, ApplicantType, Outcome
from .common import BREADCRUMB


def _template_label(kind: str) -> str:
    if kind == "answer":
        return "通用答复书"
    if kind in letters.NOTICE_KINDS:
        return letters.NOTICE_KINDS[kind][0]
    return Outcome(kind).label


@permission_required("foi.manage")
def templates(request):
    existing = {t.kind: t for t in scoped(request.user, LetterTemplate.objects.all(), department_field=None)}
    kinds = (
        [("answer", "通用答复书", existing.get("answer"))]
        + [(o.value, o.label, existing.get(o.value)) for o in Outcome]
        + [(kind, title, existing.get(kind)) for kind, (title, _body) in letters.NOTICE_KINDS.items()]
    )
    return render(
        request,
        "foi_requests/office/templates.html",
        {"kinds": kinds, "variables": letters.VARIABLES, "breadcrumb": [*BREADCRUMB, ("答复书模板", None)]},
    )


@permission_required("foi.manage")
def template_edit(request, kind):
    if kind != "answer" and kind not in Outcome.values and kind not in letters.NOTICE_KINDS:
        raise Http404
    existing = scoped(request.user, LetterTemplate.objects.filter(kind=kind), department_field=None).first()
    default_title, default_body = (
        letters.NOTICE_KINDS.get(kind)
        or letters.OUTCOME_DEFAULTS.get(kind)
        or (letters.DEFAULT_TITLE, letters.DEFAULT_BODY)
    )
    initial = {
        "title": existing.title if existing else default_title,
        "body": existing.body if existing else default_body,
    }
    form = LetterTemplateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_letter_template(
                actor=request.user, agency=request.user.agency, kind=kind, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error("body", exc.message)
        else:
            messages.success(request, "模板已保存。")
            return redirect("foi_office:templates")
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": f"编辑文书模板：{_template_label(kind)}",
            "cancel_url": "/office/foi/templates/",
            "breadcrumb": [*BREADCRUMB, ("答复书模板", "/office/foi/templates/"), ("编辑", None)],
            "help_variables": letters.VARIABLES,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", legal_today().year - 1))
    except ValueError:
        year = legal_today().year - 1
    return min(max(year, 2008), 2100)


@permission_required("foi.statistics")
def table3(request):
    year = _year(request)
    table = statistics.compute_table3(request.user.agency, year)
    error = ""
    try:
        statistics.check_table3(table.counts)
    except statistics.Table3CheckFailed as exc:
        error = exc.message
    return render(
        request,
        "foi_requests/office/table3.html",
        {
            "year": year,
            "table": table,
            "rows": list(table.rows()),
            "columns": [*statistics.COLUMNS, statistics.TOTAL],
            "column_labels": [c.label for c in statistics.COLUMNS] + ["总计"],
            "header": TABLE3_HEADER,
            "error": error,
            "table4": statistics.compute_table4(request.user.agency, year),
            "result_labels": ReviewCase.Result.choices,
            "breadcrumb": [*BREADCRUMB, (f"{year}年统计", None)],
        },
    )


@permission_required("foi.statistics")
def table3_cell(request):
    year = _year(request)
    row, column = request.GET.get("row", ""), request.GET.get("column", "")
    if row not in ROWS_BY_KEY or column not in [*statistics.COLUMNS, statistics.TOTAL]:
        raise Http404
    table = statistics.compute_table3(request.user.agency, year)
    ids = table.ids.get((row, column), [])
    requests = scoped(request.user, FoiRequest.objects.filter(pk__in=ids), department_field=None).order_by(
        "tracking_number"
    )
    column_label = "总计" if column == statistics.TOTAL else ApplicantType(column).label
    return render(
        request,
        "foi_requests/office/table3_cell.html",
        {
            "year": year,
            "row": ROWS_BY_KEY[row],
            "column_label": column_label,
            "requests": requests,
            "breadcrumb": [
                *BREADCRUMB,
                (f"{year}年统计", f"/office/foi/statistics/?year={year}"),
                ("明细", None),
            ],
        },
    )


@permission_required("foi.statistics")
def review_cases(request):
    cases = scoped(request.user, ReviewCase.objects.select_related("request"), department_field=None)
    form = ReviewCaseForm(
        request.POST or None, initial={"year": date.today().year}, agency=request.user.agency
    )
    if request.method == "POST":
        if not has_perm(request.user, "foi.manage"):
            raise DjangoPermissionDenied("您的角色无权录入。")
        if form.is_valid():
            try:
                services.save_review_case(actor=request.user, agency=request.user.agency, **form.to_service())
            except DomainError as exc:
                exc.show_on(form)
            else:
                messages.success(request, "已录入。")
                return redirect("foi_office:review_cases")
    page = Paginator(cases, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "foi_requests/office/review_cases.html",
        {
            "form": form,
            "page": page,
            "can_manage": has_perm(request.user, "foi.manage"),
            "breadcrumb": [*BREADCRUMB, ("行政复议和行政诉讼", None)],
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@permission_required("foi.manage")
def review_case_edit(request, pk):
    """Record the outcome of a review or suit when it is decided (result and 审结日期)."""
    case = (
        scoped(request.user, ReviewCase.objects.select_related("request"), department_field=None)
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404("没有找到该案件。")
    form = ReviewCaseForm(request.POST or None, instance=case, agency=request.user.agency)
    if request.method == "POST" and form.is_valid():
        try:
            fresh = ReviewCase.objects.get(pk=case.pk)  # the form wrote the typed values onto `case`
            services.save_review_case(
                actor=request.user, agency=request.user.agency, case=fresh, **form.to_service()
            )
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, "已保存案件结果。")
            return redirect("foi_office:review_cases")
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": f"行政复议、行政诉讼案件 {case.case_number or case.pk}",
            "submit_label": "保存",
            "cancel_url": reverse("foi_office:review_cases"),
            "breadcrumb": [
                *BREADCRUMB,
                ("行政复议和行政诉讼", reverse("foi_office:review_cases")),
                ("结果", None),
            ],
        },
        status=400 if form.is_bound and form.errors else 200,
    )
