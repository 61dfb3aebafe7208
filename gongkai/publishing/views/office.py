"""The staff screens of the workflow: thin callers of selectors and services."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import permission_required
from gongkai.accounts.guard import fetch_for
from gongkai.accounts.permissions import has_perm
from gongkai.confidentiality import services as confidentiality_services
from gongkai.confidentiality.models import ScanFinding
from gongkai.core.errors import DomainError, NotFound
from gongkai.core.errors import PermissionDenied as DomainPermissionDenied

from .. import scanning, selectors, services
from ..forms import ApproveForm, PassReviewForm, ReturnForm, WithdrawForm
from ..permissions import can_approve
from ..registry import NotRegistered, adapter_for
from ..states import State

PER_PAGE = 20
TABS = [
    ("drafts", "我的草稿", "publishing.draft"),
    ("review", "待保密审查", "publishing.review"),
    ("approvals", "待领导审批", "publishing.approve"),
    ("scheduled", "定时发布", "publishing.view"),
    ("published", "已发布", "publishing.view"),
]


def _findings_template() -> str:
    """The workflow's own findings table (not confidentiality/_findings.html): it shows overrides that
    carry over to an identical finding of a later scan, and its button text 确认忽略 is the stable label
    the browser tests use."""
    return "publishing/_findings.html"


def _report_for(workflow, stage: str):
    """The newest report of `stage` ("latest": of any stage)."""
    try:
        report = scanning.latest_report(workflow, None if stage == "latest" else stage)
    except Exception:  # noqa: BLE001 - content deleted or scan unavailable: show no findings, never 500
        return None, []
    if report is None:
        return None, []
    return report, list(report.findings.all()) if hasattr(report, "findings") else []


class Row:
    """A workflow with what a list needs: its content's links, its findings and its forms."""

    def __init__(self, workflow, *, stage: str | None = None, forms: dict | None = None):
        self.workflow = workflow
        try:
            content = workflow.content
            adapter = adapter_for(content) if content is not None else None
        except NotRegistered:
            content, adapter = None, None
        self.type_label = adapter.label if adapter else workflow.content_type.name
        self.office_url = adapter.office_url(content) if adapter else ""
        self.public_url = adapter.public_url(content) if adapter else ""
        self.report, self.findings = _report_for(workflow, stage) if stage else (None, [])
        self.blocking = scanning.blocking(self.report) if self.report else []
        blocking_pks = {f.pk for f in self.blocking}
        for finding in self.findings:  # identical to a finding overridden earlier: the override carries over
            finding.carried_override = (
                finding.severity == "high"
                and finding.overridden_at is None
                and finding.pk not in blocking_pks
            )
        self.forms = forms or {}
        self.can_override = "pass" in self.forms or "approve" in self.forms


def _tabs(user, current: str) -> list:
    from django.urls import reverse

    return [
        (reverse(f"publishing_office:{name}"), label, name == current)
        for name, label, perm in TABS
        if has_perm(user, perm) or (name == "approvals" and can_approve(user))
    ]


def _list(request, *, qs, template, tab, title, row_kwargs=None, extra=None):
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    rows = [Row(wf, **(row_kwargs(wf) if row_kwargs else {})) for wf in page.object_list]
    context = {
        "page": page,
        "rows": rows,
        "title": title,
        "tabs": _tabs(request.user, tab),
        "findings_template": _findings_template(),
        "next": request.get_full_path(),
        "breadcrumb": [("发布审核", "/office/publishing/"), (title, None)],
        **(extra or {}),
    }
    return render(request, template, context)


@permission_required("publishing.view")
def queue(request):
    """发布审核: the landing page sends each role to what waits for it."""
    user = request.user
    for name, _label, perm in [
        ("review", "", "publishing.review"),
        ("approvals", "", "publishing.approve"),
        ("drafts", "", "publishing.draft"),
    ]:
        if has_perm(user, perm) or (name == "approvals" and can_approve(user)):
            return redirect(f"publishing_office:{name}")
    return redirect("publishing_office:published")


@permission_required("publishing.draft")
def drafts(request):
    waiting = selectors.my_in_progress(request.user)
    return _list(
        request,
        qs=selectors.my_drafts(request.user),
        template="publishing/drafts.html",
        tab="drafts",
        title="我的草稿",
        row_kwargs=lambda wf: {"stage": scanning.SUBMISSION},
        extra={"waiting": [Row(wf) for wf in waiting[:50]]},
    )


@permission_required("publishing.review")
def review(request):
    def forms(wf):
        return {
            "stage": scanning.SUBMISSION,
            "forms": {"pass": PassReviewForm(prefix=f"wf{wf.pk}"), "return": ReturnForm(prefix=f"wf{wf.pk}")},
        }

    return _list(
        request,
        qs=selectors.review_queue(request.user),
        template="publishing/review_queue.html",
        tab="review",
        title="待保密审查",
        row_kwargs=forms,
    )


@permission_required("publishing.view")
def approvals(request):
    if not can_approve(request.user):  # the approver role or the agency's 代理审批人
        raise PermissionDenied("您的角色无权访问此页面。")

    def forms(wf):
        return {
            "stage": _approval_stage(wf),
            "forms": {"approve": ApproveForm(prefix=f"wf{wf.pk}"), "return": ReturnForm(prefix=f"wf{wf.pk}")},
        }

    return _list(
        request,
        qs=selectors.approval_queue(request.user),
        template="publishing/approval_queue.html",
        tab="approvals",
        title="待领导审批",
        row_kwargs=forms,
        extra={"own_waiting": selectors.own_awaiting_approval(request.user)},
    )


def _approval_stage(workflow) -> str:
    """The approval-stage report once the approver has tried; before that the reviewed one."""
    report, _ = _report_for(workflow, scanning.APPROVAL)
    if report is not None and workflow.reviewed_at and report.created_at >= workflow.reviewed_at:
        return scanning.APPROVAL
    return scanning.SUBMISSION


@permission_required("publishing.view")
def scheduled(request):
    can_withdraw = has_perm(request.user, "publishing.withdraw")
    return _list(
        request,
        qs=selectors.scheduled(request.user),
        template="publishing/published.html",
        tab="scheduled",
        title="定时发布",
        extra={"can_withdraw": can_withdraw, "scheduled": True},
    )


@permission_required("publishing.view")
def published(request):
    can_withdraw = has_perm(request.user, "publishing.withdraw")
    return _list(
        request,
        qs=selectors.published(request.user),
        template="publishing/published.html",
        tab="published",
        title="已发布",
        extra={"can_withdraw": can_withdraw},
    )


def _get(request, pk):
    workflow = selectors.get_workflow(request.user, pk)
    if workflow is None:
        raise Http404("没有找到该发布流程。")
    return workflow


def _detail_forms(request, workflow) -> dict:
    user, prefix = request.user, f"wf{workflow.pk}"
    forms = {}
    if workflow.author_id != user.pk:
        if workflow.state == State.SUBMITTED and has_perm(user, "publishing.review"):
            forms = {"pass": PassReviewForm(prefix=prefix), "return": ReturnForm(prefix=prefix)}
        elif workflow.state == State.APPROVAL and can_approve(user):
            forms = {"approve": ApproveForm(prefix=prefix), "return": ReturnForm(prefix=prefix)}
    if workflow.state in (State.SCHEDULED, State.PUBLISHED) and has_perm(user, "publishing.withdraw"):
        forms["withdraw"] = WithdrawForm(prefix=prefix)
    return forms


def _render_detail(request, workflow, *, forms=None, status=200):
    """The workflow page. Rendered after a refused action (a POST to an action URL), its forms send the
    user back to the workflow page, never to the action URL (a GET there used to be a blank 405)."""
    if workflow.state == State.APPROVAL:
        stage = _approval_stage(workflow)
    else:
        stage = scanning.SUBMISSION if workflow.state in (State.DRAFT, State.SUBMITTED) else "latest"
    can_submit = workflow.state == State.DRAFT and has_perm(
        request.user, adapter_for(workflow.content).draft_permission
    )
    row = Row(workflow, stage=stage, forms={**_detail_forms(request, workflow), **(forms or {})})
    return render(
        request,
        "publishing/detail.html",
        {
            "row": row,
            "workflow": workflow,
            "events": selectors.events(workflow),
            "can_submit": can_submit,
            "approvers": selectors.eligible_approvers(workflow) if workflow.state == State.APPROVAL else None,
            "author_cannot_approve": workflow.state == State.APPROVAL
            and workflow.author_id == request.user.pk
            and can_approve(request.user),
            "can_name_substitute": has_perm(request.user, "publishing.substitute"),
            "findings_template": _findings_template(),
            "next": request.get_full_path()
            if request.method == "GET"
            else reverse("publishing_office:detail", args=[workflow.pk]),
            "title": workflow.title or row.type_label,
            "tabs": _tabs(request.user, ""),
            "breadcrumb": [("发布审核", "/office/publishing/"), (workflow.title or "发布流程", None)],
        },
        status=status,
    )


@permission_required("publishing.view")
def detail(request, pk):
    return _render_detail(request, _get(request, pk))


def _posts_only(view):
    """An action URL answers a GET (a reload, the back button, a redirect after a refused action) with
    the workflow page instead of a blank HTTP 405 (issue 11 item 10)."""

    @wraps(view)
    def wrapper(request, pk, *args, **kwargs):
        if request.method != "POST":
            return redirect("publishing_office:detail", pk=pk)
        return view(request, pk, *args, **kwargs)

    return wrapper


def _back(request, workflow):
    target = request.POST.get("next", "")
    if target.startswith("/office/") and "//" not in target:
        return redirect(target)
    return redirect("publishing_office:detail", pk=workflow.pk)


def _with_link(error: DomainError):
    """The refusal, with a link to where it is resolved when the rule names one (e.g. the 三同步 waiver
    page, issue 11 item 11)."""
    link = getattr(error, "link", None)
    if not link:
        return error.message
    url, label = link
    return format_html('{} <a href="{}">{}</a>', error.message, url, label)


def _act(request, workflow, form_name, form, call, success: str):
    """Validate `form`, call the service; on an error show the detail page with the error beside the field."""
    if form is not None and not form.is_valid():
        messages.error(request, "请检查填写的内容。")
        return _render_detail(request, workflow, forms={form_name: form}, status=422)
    try:
        call(form.cleaned_data if form is not None else {})
    except (NotFound, DomainPermissionDenied) as exc:
        if isinstance(exc, NotFound):
            raise Http404(exc.message) from None
        raise PermissionDenied(exc.message) from None
    except DomainError as exc:
        if form is not None:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        messages.error(request, _with_link(exc))
        workflow.refresh_from_db()
        return _render_detail(
            request, workflow, forms={form_name: form} if form is not None else None, status=422
        )
    messages.success(request, success)
    return _back(request, workflow)


@permission_required("publishing.view")  # the service checks the content's own draft permission
@_posts_only
def submit(request, pk):
    workflow = _get(request, pk)
    return _act(
        request,
        workflow,
        "submit",
        None,
        lambda d: services.submit(actor=request.user, workflow=workflow),
        f"已提交保密审查：{workflow.title}",
    )


@permission_required("publishing.review")
@_posts_only
def pass_review(request, pk):
    workflow = _get(request, pk)
    form = PassReviewForm(request.POST, prefix=f"wf{workflow.pk}")
    return _act(
        request,
        workflow,
        "pass",
        form,
        lambda d: services.pass_review(actor=request.user, workflow=workflow, note=d["note"]),
        f"保密审查已通过，已送领导审批：{workflow.title}",
    )


@permission_required("publishing.view")
@_posts_only
def return_to_draft(request, pk):
    workflow = _get(request, pk)
    form = ReturnForm(request.POST, prefix=f"wf{workflow.pk}")
    return _act(
        request,
        workflow,
        "return",
        form,
        lambda d: services.return_to_draft(actor=request.user, workflow=workflow, reason=d["reason"]),
        f"已退回承办人修改：{workflow.title}",
    )


@permission_required("publishing.view")  # the approver role or the 代理审批人: services.approve decides
@_posts_only
def approve(request, pk):
    workflow = _get(request, pk)
    form = ApproveForm(request.POST, prefix=f"wf{workflow.pk}")

    def call(d):
        result = services.approve(actor=request.user, workflow=workflow, publish_at=d["publish_at"])
        if result.state == State.SCHEDULED:
            messages.info(request, f"{result.state_label}：到时自动发布，此前对外不可见。")

    return _act(request, workflow, "approve", form, call, f"已批准：{workflow.title}")


@permission_required("publishing.withdraw")
def withdraw(request, pk):
    workflow = _get(request, pk)
    if request.method != "POST":
        return _render_detail(request, workflow)
    form = WithdrawForm(request.POST, prefix=f"wf{workflow.pk}")
    return _act(
        request,
        workflow,
        "withdraw",
        form,
        lambda d: services.withdraw(actor=request.user, workflow=workflow, reason=d["reason"]),
        f"已撤回：{workflow.title}",
    )


def _workflow_of_finding(finding):
    try:
        subject = finding.report.subject
    except Exception:  # noqa: BLE001 - the scanned content is gone: there is no workflow page to show
        return None
    return selectors.workflow_for(subject) if subject is not None else None


@permission_required("publishing.view")
def override_finding(request, finding_pk):
    """确认忽略 a high finding with a reason (confidentiality.override_finding checks the role)."""
    finding = fetch_for(
        request.user,
        ScanFinding,
        finding_pk,
        via="report",
        department_field=None,
        not_found="没有找到该扫描结果。",
    )
    if request.method != "POST":  # issue 11 item 10: land on the workflow page, never on a 405
        workflow = _workflow_of_finding(finding)
        return (
            redirect("publishing_office:detail", pk=workflow.pk)
            if workflow
            else redirect("publishing_office:queue")
        )
    try:
        confidentiality_services.override_finding(
            actor=request.user, finding=finding, reason=request.POST.get("reason", "")
        )
    except DomainPermissionDenied as exc:
        raise PermissionDenied(exc.message) from None
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已确认忽略该问题，理由已记录。")
    target = request.POST.get("next", "")
    if target.startswith("/office/") and "//" not in target:
        return redirect(target)
    return redirect("publishing_office:queue")


# --- 代理审批人 (issue 11.16) ----------------------------------------------------------------------
@permission_required("publishing.substitute")
def substitute(request):
    """The administrator's screen: the agency's 代理审批人, its history, and the form to name one."""
    from gongkai.accounts.selectors import staff_of

    from ..forms import SubstituteApproverForm
    from ..permissions import active_substitute

    staff = staff_of(request.user.agency).filter(is_active=True, role_assignments__isnull=False).distinct()
    form = SubstituteApproverForm(request.POST or None, staff=staff.order_by("username"))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.name_substitute_approver(
                    actor=request.user, user=form.cleaned_data["user"], reason=form.cleaned_data["reason"]
                )
            except DomainError as exc:
                exc.show_on(form)
            else:
                messages.success(request, f"已指定代理审批人：{form.cleaned_data['user']}")
                return redirect("publishing_office:substitute")
        status = 422
    return render(
        request,
        "publishing/substitute.html",
        {
            "form": form,
            "current": active_substitute(request.user.agency_id),
            "history": Paginator(selectors.substitute_history(request.user.agency), PER_PAGE).get_page(
                request.GET.get("page")
            ),
            "breadcrumb": [("发布审核", "/office/publishing/"), ("代理审批人", None)],
        },
        status=status,
    )


@require_POST
@permission_required("publishing.substitute")
def substitute_end(request):
    try:
        services.end_substitute_approver(actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已取消代理审批人。")
    return redirect("publishing_office:substitute")
