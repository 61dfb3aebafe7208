"""The website self-inspection screens of the office (国办秘函〔2019〕19号)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import permission_required
from gongkai.accounts.guard import fetch_for
from gongkai.accounts.permissions import has_perm
from gongkai.core.errors import DomainError

from .. import selectors, services
from ..models import IndicatorResult, InspectionRun

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
