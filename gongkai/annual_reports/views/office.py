"""Staff screens of the annual report: list by year, create, edit beside the computed tables, submit.
Review, approval and withdrawal are the publishing app's screens; these link to them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import permission_required
from gongkai.core.errors import DomainError, PermissionDenied

from .. import deadlines, docx_export, selectors, services, tables
from ..forms import CreateForm, ReportForm
from ..models import Status
from ..permissions import VIEW_PERMISSION, can_edit
from .portal import docx_response

LIST = ("政府信息公开工作年度报告", "/office/annual-reports/")


def _report_for(user, pk):
    report = selectors.reports_for(user).filter(pk=pk).first()
    if report is None:
        raise Http404("没有找到该年度报告。")
    return report


@permission_required(VIEW_PERMISSION)
def reports(request):
    today = timezone.localdate()
    rows = [
        (report, deadlines.due_date(report.year), selectors.workflow_of(report))
        for report in selectors.reports_for(request.user)
    ]
    existing = {report.year for report, _d, _w in rows}
    return render(
        request,
        "annual_reports/office/list.html",
        {
            "rows": rows,
            "today": today,
            "reminders": deadlines.years_to_remind(today, selectors.published_years(request.user.agency)),
            "missing_previous": (today.year - 1) not in existing,
            "previous_year": today.year - 1,
            "can_edit": can_edit(request.user),
            "breadcrumb": [(LIST[0], None)],
        },
    )


@permission_required(VIEW_PERMISSION)
def new(request):
    if not can_edit(request.user):
        raise DjangoPermissionDenied("您的角色无权编制年度报告。")
    form = CreateForm(request.POST or None, initial={"year": timezone.localdate().year - 1})
    if request.method == "POST" and form.is_valid():
        try:
            report = services.create_report(actor=request.user, year=form.cleaned_data["year"], prefill=True)
            messages.success(request, f"已创建{report.year}年年度报告草稿，请填写各部分内容。")
            return redirect("annual_reports_office:detail", report.pk)
        except DomainError as exc:
            exc.show_on(form)
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": "新建政府信息公开工作年度报告",
            "submit_label": "创建草稿",
            "cancel_url": reverse("annual_reports_office:list"),
            "breadcrumb": [LIST, ("新建", None)],
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@permission_required(VIEW_PERMISSION)
def detail(request, pk):
    """The narrative and the manual figures beside the tables computed from the records now."""
    report = _report_for(request.user, pk)
    workflow = selectors.workflow_of(report)
    editable = (
        can_edit(request.user, report)
        and report.status != Status.PUBLISHED
        and (workflow is None or workflow.state in ("draft", "withdrawn", "superseded"))
    )
    initial = {name: getattr(report, name) for name in services.FIELDS}
    initial["fees_amount"] = tables.amount_text(report.fees_amount)
    form = ReportForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not editable:
            raise DjangoPermissionDenied("该年度报告当前不能修改。")
        if form.is_valid():
            try:
                services.update_report(actor=request.user, report=report, **form.cleaned_data)
                messages.success(request, "已保存。")
                return redirect("annual_reports_office:detail", report.pk)
            except PermissionDenied as exc:
                raise DjangoPermissionDenied(exc.message) from exc
            except DomainError as exc:
                exc.show_on(form)
    computed, problems, frozen = _tables_of(report)
    return render(
        request,
        "annual_reports/office/detail.html",
        {
            "report": report,
            "form": form,
            "editable": editable,
            "workflow": workflow,
            "due": deadlines.due_date(report.year),
            # 条例 Art. 49: a report of the running year is a draft to view, never to submit.
            "year_ended": deadlines.year_has_ended(report.year, timezone.localdate()),
            "year_not_ended_message": services.year_not_ended_message(report.year),
            "redraft_sections": [
                ("overview", "第一部分"),
                ("problems", "第五部分"),
                ("other_matters", "第六部分"),
            ],
            "frozen": frozen,
            "problems": problems,
            "t": tables.display(computed),
            "year": report.year,
            "breadcrumb": [LIST, (f"{report.year}年", None)],
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _tables_of(report) -> tuple[dict, list[tuple[str, str]], bool]:
    """(tables, problems, frozen): the snapshot of a published report, else the tables computed now."""
    if report.status == Status.PUBLISHED and report.snapshot:
        return report.snapshot, [], True
    computed, problems = tables.compute(report)
    return computed, problems, False


@permission_required(VIEW_PERMISSION)
def docx(request, pk):
    """The report as Word for the superior office; a draft (not yet frozen) is marked 草稿 in its title."""
    report = _report_for(request.user, pk)
    computed, _problems, frozen = _tables_of(report)
    return docx_response(docx_export.report_data(report, computed, draft=not frozen))


@require_POST
@permission_required(VIEW_PERMISSION)
def submit(request, pk):
    report = _report_for(request.user, pk)
    try:
        workflow = services.submit_report(actor=request.user, report=report)
    except PermissionDenied as exc:
        raise DjangoPermissionDenied(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("annual_reports_office:detail", report.pk)
    messages.success(request, "已提交保密审查；审查通过、领导批准后发布，发布时统计表即被固定。")
    return redirect("publishing_office:detail", workflow.pk)


@require_POST
@permission_required("foi.manage")  # a write: the view permission is not enough
def redraft(request, pk, section):
    """按记录重新起草 one of sections 一/五/六 (replaces what is there; the audit keeps the old text)."""
    report = _report_for(request.user, pk)
    try:
        services.redraft_section(actor=request.user, report=report, section=section)
    except PermissionDenied as exc:
        raise DjangoPermissionDenied(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已按记录重新起草该部分，请修改其中“待填写”的内容。")
    return redirect("annual_reports_office:detail", report.pk)
