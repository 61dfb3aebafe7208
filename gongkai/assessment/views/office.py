"""The website self-inspection screens of the office (国办秘函〔2019〕19号)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import permission_required
from gongkai.accounts.guard import fetch_for, scoped
from gongkai.accounts.permissions import has_perm
from gongkai.core.errors import DomainError

from .. import export, measures, scoring, selectors, services
from ..forms import DeductionForm, SchemeForm
from ..models import Deduction, IndicatorResult, InspectionRun, Scheme

HOME = ("网站自查", "/office/assessment/")


@permission_required("assessment.view")
def home(request):
    runs = selectors.runs_for(request.user)
    page = Paginator(runs, 20).get_page(request.GET.get("page"))
    latest = runs.first()
    return render(
        request,
        "assessment/office/home.html",
        {
            "latest": latest,
            "results": latest.results.all() if latest else [],
            "page": page,
            "can_inspect": has_perm(request.user, "assessment.inspect"),
        },
    )


@permission_required("assessment.view")
def run(request, pk):
    inspection = fetch_for(request.user, InspectionRun, pk, lock=False, department_field=None)
    return render(
        request,
        "assessment/office/run.html",
        {"run": inspection, "results": inspection.results.all(), "breadcrumbs": [HOME]},
    )


@permission_required("assessment.view")
def indicator(request, code):
    rows = selectors.history(request.user.agency, code)
    if not rows.exists():
        raise Http404("没有该指标的检查记录。")
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    first: IndicatorResult = rows.first()
    return render(
        request,
        "assessment/office/indicator.html",
        {"first": first, "page": page, "breadcrumbs": [HOME]},
    )


@require_POST
@permission_required("assessment.inspect")
def inspect_now(request):
    try:
        inspection = services.run_inspection(actor=request.user, agency=request.user.agency)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("assessment_office:home")
    messages.success(
        request, f"已完成网站自查：{inspection.fail_count} 项不合格，{inspection.warning_count} 项预警。"
    )
    return redirect("assessment_office:run", inspection.pk)


# ---------------------------------------------------------------- assessment (绩效考核)

SCORES = ("绩效考核", "/office/assessment/scores/")


def _period(request):
    scheme = scoped(request.user, Scheme.objects.all(), department_field=None).first()
    period = measures.parse_period(request.GET.get("period", ""))
    return period or measures.current_period(scheme.period if scheme else "quarter"), scheme


def _period_choices(period):
    year = period.start.year
    keys = [f"{y}Q{q}" for y in (year, year - 1) for q in (4, 3, 2, 1)] + [str(year), str(year - 1)]
    return [(k, measures.parse_period(k).label) for k in keys]


@permission_required("assessment.view")
def scores(request):
    period, scheme = _period(request)
    ranked, whole, _rows = scoring.scoreboard(request.user.agency, period)
    return render(
        request,
        "assessment/office/scores.html",
        {
            "period": period,
            "periods": _period_choices(period),
            "lines": ranked,
            "whole": whole,
            "measures": measures.MEASURES,
            "weights": scoring.weights_of(scheme),
            "targets": scoring.targets_of(scheme),
            "share": scoring.openness_share(scheme),
            "scheme": scheme,
            "deductions": scoped(
                request.user,
                Deduction.objects.filter(found_on__gte=period.start, found_on__lte=period.end),
                department_field=None,
            ).select_related("department"),
            "can_manage": has_perm(request.user, "assessment.manage"),
            "chart": {
                "labels": [ln.label for ln in ranked],
                "scores": [float(ln.score) for ln in ranked],
            },
        },
    )


@permission_required("assessment.view")
def drilldown(request, code):
    measure = measures.BY_CODE.get(code)
    if measure is None:
        raise Http404("没有该考核项。")
    period, _scheme = _period(request)
    rows = measure.compute(request.user.agency, period)
    key = request.GET.get("dept", scoring.AGENCY_KEY)
    if key != scoring.AGENCY_KEY:
        rows = [r for r in rows if str(r.department_id) == key]
    label = (
        rows[0].department
        if rows and key != scoring.AGENCY_KEY
        else ("全局" if key == scoring.AGENCY_KEY else "")
    )
    return render(
        request,
        "assessment/office/drilldown.html",
        {
            "measure": measure,
            "period": period,
            "rows": rows,
            "met": sum(r.met for r in rows),
            "label": label,
            "breadcrumbs": [SCORES],
        },
    )


@permission_required("assessment.manage")
def scheme_edit(request):
    scheme = scoped(request.user, Scheme.objects.all(), department_field=None).first()
    weights, targets = scoring.weights_of(scheme), scoring.targets_of(scheme)
    initial = {
        "openness_share": scoring.openness_share(scheme),
        "period": scheme.period if scheme else "quarter",
    }
    for m in measures.MEASURES:
        initial[f"weight_{m.code}"], initial[f"target_{m.code}"] = weights[m.code], targets[m.code]
    form = SchemeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_scheme(actor=request.user, agency=request.user.agency, **form.to_service())
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, "已保存考核方案。")
            return redirect("assessment_office:scores")
    return render(request, "office/form.html", {"form": form, "title": "考核方案", "breadcrumbs": [SCORES]})


@permission_required("assessment.manage")
def deduction_new(request):
    form = DeductionForm(request.POST or None, agency=request.user.agency)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_deduction(actor=request.user, agency=request.user.agency, **form.cleaned_data)
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, "已登记察访核验扣分。")
            return redirect("assessment_office:scores")
    return render(
        request, "office/form.html", {"form": form, "title": "登记察访核验扣分", "breadcrumbs": [SCORES]}
    )


@permission_required("assessment.view")
def scores_xlsx(request):
    period, _scheme = _period(request)
    content = export.scores_workbook(request.user.agency, period)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="assessment-{period.key}.xlsx"'
    return response
