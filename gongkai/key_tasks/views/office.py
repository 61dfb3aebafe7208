"""Staff screens of 执行公开: tasks with milestones and progress reports, the supervisor's queue of
findings and rectifications, case notices, and the XLSX ledgers."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import permission_required
from gongkai.accounts.permissions import has_perm
from gongkai.accounts.roles import AGENCY_WIDE_ROLES
from gongkai.core.errors import DomainError
from gongkai.publishing import selectors as publishing_selectors
from gongkai.workdays.selectors import legal_today

from .. import exports, rollup, selectors, services
from ..forms import (
    DecisionForm,
    FindingForm,
    MilestoneForm,
    NoticeForm,
    ProgressForm,
    RectificationForm,
    TaskForm,
)
from ..models import FindingState, Milestone

TASKS = ("重点任务", "/office/key-tasks/")
FINDINGS = ("督查整改", "/office/key-tasks/findings/")
NOTICES = ("问责通报", "/office/key-tasks/notices/")


def _task(user, pk):
    task = selectors.tasks_for(user).filter(pk=pk).first()
    if task is None:
        raise Http404("没有找到该重点任务。")
    return task


def _finding(user, pk):
    finding = selectors.findings_for(user).filter(pk=pk).first()
    if finding is None:
        raise Http404("没有找到该督查问题。")
    return finding


def _notice(user, pk):
    notice = selectors.notices_for(user).filter(pk=pk).first()
    if notice is None:
        raise Http404("没有找到该通报。")
    return notice


def _form_page(request, form, title, breadcrumb, cancel_url, submit_label="保存"):
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": title,
            "submit_label": submit_label,
            "cancel_url": cancel_url,
            "breadcrumb": breadcrumb,
        },
    )


def _publish(request, obj, done_url):
    try:
        workflow = services.send_to_publication(actor=request.user, obj=obj)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(done_url)
    messages.success(request, f"已提交发布流程（{workflow.get_state_display()}）。")
    return redirect(done_url)


def _workflow(obj):
    return publishing_selectors.workflow_for(obj)


# --- tasks --------------------------------------------------------------------------------------------
@permission_required("key_tasks.view")
def task_list(request):
    today = legal_today()
    qs = selectors.tasks_for(request.user)
    queue = request.GET.get("queue", "")
    if queue == "mine" and request.user.department_id:
        qs = qs.filter(department_id=request.user.department_id)
    q = request.GET.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(title__icontains=q)
    views = selectors.task_views(qs.order_by("-year", "id"), today)
    if request.GET.get("format") == "xlsx":
        return exports.task_ledger(views)
    status = request.GET.get("status", "")
    if status in [s.value for s in rollup.Status]:
        views = [v for v in views if v.status == status]
    page = Paginator(views, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "key_tasks/office/list.html",
        {
            "page": page,
            "rollups": selectors.rollups(views, today),
            "statuses": [(s.value, s.label) for s in rollup.Status],
            "can_manage": has_perm(request.user, "key_tasks.manage"),
            "breadcrumb": [(TASKS[0], None)],
        },
    )


@permission_required("key_tasks.manage")
def task_edit(request, pk=None):
    task = _task(request.user, pk) if pk else None
    initial = {"year": legal_today().year}
    if task:
        initial = {
            f: getattr(task, f)
            for f in (
                "year",
                "title",
                "target",
                "department",
                "lead",
                "source",
                "source_title",
                "source_url",
                "source_excerpt",
                "weight",
                "due_on",
            )
        }
        initial["co_departments"] = list(task.co_departments.all())
    form = TaskForm(request.POST or None, agency=request.user.agency, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            row = services.save_task(actor=request.user, task=task, **form.cleaned_data)
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, "已保存。")
            return redirect("key_tasks_office:task", row.pk)
    return _form_page(request, form, "重点任务", [TASKS, ("编辑", None)], reverse("key_tasks_office:list"))


@permission_required("key_tasks.view")
def task_detail(request, pk):
    task = _task(request.user, pk)
    view = selectors.task_view(task, legal_today())
    updates = list(selectors.updates_for(request.user, task))
    for u in updates:
        u.workflow = _workflow(u)
    return render(
        request,
        "key_tasks/office/task.html",
        {
            "task": task,
            "view": view,
            "updates": updates,
            "workflow": _workflow(task),
            "milestone_form": MilestoneForm(),
            "can_manage": has_perm(request.user, "key_tasks.manage"),
            "can_report": has_perm(request.user, "key_tasks.report")
            and (
                request.user.department_id == task.department_id
                or bool(request.user.roles & AGENCY_WIDE_ROLES)
            ),
            "breadcrumb": [TASKS, (task.title, None)],
        },
    )


@require_POST
@permission_required("key_tasks.manage")
def task_publish(request, pk):
    task = _task(request.user, pk)
    return _publish(request, task, reverse("key_tasks_office:task", args=[task.pk]))


@permission_required("key_tasks.manage")
def milestone_edit(request, pk, milestone_pk=None):
    task = _task(request.user, pk)
    milestone = Milestone.objects.filter(task=task, pk=milestone_pk).first() if milestone_pk else None
    if milestone_pk and milestone is None:
        raise Http404("没有找到该节点。")
    initial = (
        {f: getattr(milestone, f) for f in ("title", "due_on", "weight", "position")} if milestone else {}
    )
    form = MilestoneForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data, position=form.cleaned_data.get("position") or 0)
        try:
            services.save_milestone(actor=request.user, task=task, milestone=milestone, **data)
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, "节点已保存。")
            return redirect("key_tasks_office:task", task.pk)
    return _form_page(
        request,
        form,
        "任务节点",
        [TASKS, (task.title, reverse("key_tasks_office:task", args=[task.pk])), ("节点", None)],
        reverse("key_tasks_office:task", args=[task.pk]),
    )


@permission_required("key_tasks.report")
def report(request, pk):
    task = _task(request.user, pk)
    milestones = list(task.milestones.all())
    form = ProgressForm(
        request.POST or None,
        request.FILES or None,
        milestones=milestones,
        initial={"reported_on": legal_today()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        milestone = next((m for m in milestones if m.pk == data.get("milestone")), None)
        files = [(f.name, f.read()) for f in data.get("evidence") or []]
        try:
            services.report_progress(
                actor=request.user,
                task=task,
                milestone=milestone,
                reported_on=data["reported_on"],
                percent=data["percent"],
                text=data["text"],
                files=files,
            )
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, "进展已报送，已提交保密审查；发布后计入进度。")
            return redirect("key_tasks_office:task", task.pk)
    return _form_page(
        request,
        form,
        f"报送进展：{task.title}",
        [TASKS, (task.title, reverse("key_tasks_office:task", args=[task.pk])), ("报送进展", None)],
        reverse("key_tasks_office:task", args=[task.pk]),
        submit_label="报送进展",
    )


# --- supervision --------------------------------------------------------------------------------------
@permission_required("key_tasks.view")
def finding_list(request):
    today = legal_today()
    qs = selectors.findings_for(request.user)
    if request.GET.get("format") == "xlsx":
        return exports.rectification_ledger(qs.prefetch_related("rectifications__decided_by"), today)
    queue = request.GET.get("queue", "")
    if queue == "overdue":
        qs = selectors.overdue_findings(qs, today)
    elif queue == "confirm":
        qs = qs.filter(pk__in=selectors.supervisor_queue(request.user).values("finding_id"))
    elif queue in FindingState.values:
        qs = qs.filter(state=queue)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    for f in page.object_list:
        f.overdue = f.state != FindingState.CONFIRMED and f.rectify_by < today
    return render(
        request,
        "key_tasks/office/findings.html",
        {
            "page": page,
            "queue": queue,
            "can_raise": has_perm(request.user, "supervision.raise"),
            "waiting": selectors.supervisor_queue(request.user).count(),
            "breadcrumb": [(FINDINGS[0], None)],
        },
    )


@permission_required("supervision.raise")
def finding_new(request):
    form = FindingForm(request.POST or None, agency=request.user.agency, initial={"found_on": legal_today()})
    if request.method == "POST" and form.is_valid():
        try:
            row = services.raise_finding(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, "督查问题已登记。")
            return redirect("key_tasks_office:finding", row.pk)
    return _form_page(
        request, form, "登记督查发现问题", [FINDINGS, ("登记", None)], reverse("key_tasks_office:findings")
    )


@permission_required("key_tasks.view")
def finding_detail(request, pk):
    finding = _finding(request.user, pk)
    user = request.user
    pending = finding.rectifications.filter(decision="pending").last()
    may_decide = (
        has_perm(user, "supervision.confirm")
        and pending is not None
        and user.department_id != finding.department_id
        and user.pk != pending.submitted_by_id
    )
    return render(
        request,
        "key_tasks/office/finding.html",
        {
            "f": finding,
            "rectifications": finding.rectifications.select_related("submitted_by", "decided_by"),
            "events": finding.events.select_related("actor"),
            "overdue": finding.state != FindingState.CONFIRMED and finding.rectify_by < legal_today(),
            "rect_form": RectificationForm(initial={"completed_on": legal_today()}),
            "decision_form": DecisionForm(),
            "can_rectify": finding.state == FindingState.OPEN and has_perm(user, "supervision.rectify"),
            "may_decide": may_decide,
            "pending": pending,
            "can_publish": finding.state == FindingState.CONFIRMED and has_perm(user, "publishing.draft"),
            "workflow": _workflow(finding),
            "breadcrumb": [FINDINGS, (finding.title, None)],
        },
    )


@require_POST
@permission_required("supervision.rectify")
def rectify(request, pk):
    finding = _finding(request.user, pk)
    form = RectificationForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data.get("evidence")
        try:
            services.submit_rectification(
                actor=request.user,
                finding=finding,
                measures=form.cleaned_data["measures"],
                result=form.cleaned_data["result"],
                completed_on=form.cleaned_data["completed_on"],
                file=(upload.name, upload.read()) if upload else None,
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "整改情况已报送，待督查人员确认。")
    else:
        messages.error(request, "请填写整改措施、整改结果和完成日期。")
    return redirect("key_tasks_office:finding", finding.pk)


@require_POST
@permission_required("supervision.confirm")
def decide(request, pk):
    finding = _finding(request.user, pk)
    try:
        services.decide_rectification(
            actor=request.user,
            finding=finding,
            confirm=request.POST.get("action") == "confirm",
            note=request.POST.get("note", ""),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, "已确认整改完成。" if request.POST.get("action") == "confirm" else "已退回重新整改。"
        )
    return redirect("key_tasks_office:finding", finding.pk)


@require_POST
@permission_required("publishing.draft")
def finding_publish(request, pk):
    finding = _finding(request.user, pk)
    return _publish(request, finding, reverse("key_tasks_office:finding", args=[finding.pk]))


# --- accountability -----------------------------------------------------------------------------------
@permission_required("key_tasks.view")
def notice_list(request):
    rows = list(selectors.notices_for(request.user))
    for n in rows:
        n.workflow = _workflow(n)
    return render(
        request,
        "key_tasks/office/notices.html",
        {
            "rows": rows,
            "can_manage": has_perm(request.user, "accountability.manage"),
            "breadcrumb": [(NOTICES[0], None)],
        },
    )


@permission_required("accountability.manage")
def notice_edit(request, pk=None):
    notice = _notice(request.user, pk) if pk else None
    initial = {"notified_on": legal_today()}
    if notice:
        initial = {
            f: getattr(notice, f)
            for f in ("kind", "department", "finding", "title", "facts", "handling", "notified_on", "persons")
        }
    form = NoticeForm(request.POST or None, agency=request.user.agency, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            row = services.save_notice(actor=request.user, notice=notice, **form.cleaned_data)
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, "已保存；通报文本中的姓名已按规则隐名。")
            return redirect("key_tasks_office:notice", row.pk)
    return _form_page(
        request, form, "问责典型案例通报", [NOTICES, ("编辑", None)], reverse("key_tasks_office:notices")
    )


@permission_required("key_tasks.view")
def notice_detail(request, pk):
    notice = _notice(request.user, pk)
    return render(
        request,
        "key_tasks/office/notice.html",
        {
            "n": notice,
            "workflow": _workflow(notice),
            "can_manage": has_perm(request.user, "accountability.manage"),
            "breadcrumb": [NOTICES, (notice.title, None)],
        },
    )


@require_POST
@permission_required("accountability.manage")
def notice_publish(request, pk):
    notice = _notice(request.user, pk)
    return _publish(request, notice, reverse("key_tasks_office:notice", args=[notice.pk]))
