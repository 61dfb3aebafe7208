"""Staff screens of 结果公开: one list of every kind, a form per kind, a record page with the hand-over to
publication, and the break-down of a work report into key tasks."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import permission_required
from gongkai.accounts.permissions import has_perm
from gongkai.core.errors import DomainError
from gongkai.publishing import selectors as publishing_selectors

from .. import selectors, services
from ..forms import BreakDownForm, DecisionForm, EvaluationForm, PlanForm, ProjectForm, WorkReportForm
from ..models import Decision, Evaluation, Plan, Project, WorkReport

LIST = ("结果公开", "/office/results/")

KINDS = {
    "plan": ("发展规划", Plan, PlanForm, services.save_plan, "plan"),
    "work_report": ("政府工作报告任务分解", WorkReport, WorkReportForm, services.save_work_report, "report"),
    "project": ("为民办实事项目", Project, ProjectForm, services.save_project, "project"),
    "decision": ("重大决策执行", Decision, DecisionForm, services.save_decision, "decision"),
    "evaluation": ("评估", Evaluation, EvaluationForm, services.save_evaluation, "evaluation"),
}


def _kind(kind):
    if kind not in KINDS:
        raise Http404("没有这类记录。")
    return KINDS[kind]


def _get(user, kind, pk):
    row = selectors.records_for(user, _kind(kind)[1]).filter(pk=pk).first()
    if row is None:
        raise Http404("没有找到该记录。")
    return row


@permission_required("results.view")
def index(request):
    groups = []
    for kind, (label, model, *_rest) in KINDS.items():
        rows = list(selectors.records_for(request.user, model)[:100])
        for r in rows:
            r.workflow = publishing_selectors.workflow_for(r)
        groups.append((kind, label, rows))
    return render(
        request,
        "results/office/index.html",
        {
            "groups": groups,
            "can_manage": has_perm(request.user, "results.manage"),
            "breadcrumb": [(LIST[0], None)],
        },
    )


def _initial(row, form_class):
    initial = {}
    for name in form_class.base_fields:
        if name == "indicators":
            initial[name] = "\n".join(
                f"{i.name}|{i.unit}|{i.baseline}|{i.target}|{i.get_nature_display()}"
                for i in row.indicators.all()
            )
        elif name == "key_tasks":
            initial[name] = list(row.key_tasks.all())
        elif hasattr(row, name):
            initial[name] = getattr(row, name)
    return initial


@permission_required("results.manage")
def edit(request, kind, pk=None):
    label, _model, form_class, save, arg = _kind(kind)
    row = _get(request.user, kind, pk) if pk else None
    initial = _initial(row, form_class) if row else {"department": request.user.department}
    form = form_class(request.POST or None, agency=request.user.agency, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(actor=request.user, **{arg: row}, **form.cleaned_data)
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, "已保存。")
            return redirect("results_office:detail", kind, saved.pk)
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": label,
            "cancel_url": reverse("results_office:index"),
            "breadcrumb": [LIST, (label, None)],
        },
    )


@permission_required("results.view")
def detail(request, kind, pk):
    label, model, form_class, *_rest = _kind(kind)
    row = _get(request.user, kind, pk)
    fields = [
        (f.verbose_name, getattr(row, f"get_{f.name}_display")() if f.choices else getattr(row, f.name))
        for f in model._meta.concrete_fields
        if f.name not in ("id", "agency", "created_by", "created_at", "is_demo")
    ]
    workflow = publishing_selectors.workflow_for(row)
    return render(
        request,
        "results/office/detail.html",
        {
            "row": row,
            "kind": kind,
            "label": label,
            "fields": fields,
            "workflow": workflow,
            "tasks": row.tasks.all() if kind == "work_report" else None,
            "break_form": BreakDownForm(
                agency=request.user.agency, initial={"department": request.user.department}
            )
            if kind == "work_report"
            else None,
            "can_manage": has_perm(request.user, "results.manage"),
            "breadcrumb": [LIST, (str(row), None)],
        },
    )


@require_POST
@permission_required("results.manage")
def publish(request, kind, pk):
    row = _get(request.user, kind, pk)
    try:
        workflow = services.send_to_publication(actor=request.user, obj=row)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已提交发布流程（{workflow.get_state_display()}）。")
    return redirect("results_office:detail", kind, row.pk)


@require_POST
@permission_required("results.manage")
def break_down(request, pk):
    report = _get(request.user, "work_report", pk)
    form = BreakDownForm(request.POST, agency=request.user.agency)
    if form.is_valid():
        try:
            task = services.break_down(actor=request.user, report=report, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已分解为重点任务“{task.title}”，请在重点任务中设置节点并提交发布。")
    else:
        messages.error(request, "请填写任务名称、报告原文、工作目标、牵头处室和完成时限。")
    return redirect("results_office:detail", "work_report", report.pk)
