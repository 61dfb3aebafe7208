"""Staff screens: negative list, finding overrides, scan-a-file tool, stored reports."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import office_required, permission_required
from gongkai.accounts.guard import fetch_for
from gongkai.core.errors import DomainError

from .. import selectors, services
from ..forms import NegativeListEntryForm, OverrideForm, ScanFileForm
from ..models import NegativeListEntry, ScanFinding, ScanReport
from ..permissions import can_manage_negative_list

LIST_URL = "confidentiality_office:negative_list"


@office_required
def negative_list(request):
    """Every staff member may read the list (it is public anyway); only the openness office edits."""
    entries = selectors.negative_list(request.user.agency, include_inactive=True)
    page = Paginator(entries, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "confidentiality/negative_list_office.html",
        {
            "page": page,
            "can_manage": can_manage_negative_list(request.user),
            "breadcrumb": [("负面清单", None)],
        },
    )


@permission_required("negative_list.manage")
def negative_list_edit(request, pk=None):
    agency = request.user.agency
    entry = get_object_or_404(NegativeListEntry, pk=pk, agency=agency) if pk else None
    initial = {}
    if entry:
        initial = {
            "matter": entry.matter,
            "legal_basis": entry.legal_basis,
            "terms": entry.terms,
            "note": entry.note,
            "sort_order": entry.sort_order,
            "is_active": entry.is_active,
        }
    form = NegativeListEntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.save_negative_list_entry(
                actor=request.user, agency=agency, entry=entry, **form.cleaned_data
            )
            messages.success(request, f"已保存负面清单事项：{entry}")
            return redirect(LIST_URL)
        except DomainError as error:
            error.show_on(form)
    title = "编辑负面清单事项" if entry else "新增负面清单事项"
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": title,
            "cancel_url": reverse(LIST_URL),
            "breadcrumb": [("负面清单", reverse(LIST_URL)), (title, None)],
        },
    )


@require_POST
@permission_required("negative_list.manage")
def negative_list_deactivate(request, pk):
    entry = fetch_for(request.user, NegativeListEntry, pk, department_field=None)
    try:
        services.deactivate_negative_list_entry(actor=request.user, entry=entry)
        messages.success(request, f"已停用：{entry}。该事项不再在网站公布，也不再用于保密审查。")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(LIST_URL)


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@require_POST
@permission_required("confidentiality.override")
def override(request, pk):
    finding = fetch_for(
        request.user, ScanFinding.objects.select_related("report"), pk, via="report", department_field=None
    )
    back = _safe_next(request, reverse("confidentiality_office:report", args=[finding.report_id]))
    form = OverrideForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写确认理由。")
        return redirect(back)
    try:
        services.override_finding(actor=request.user, finding=finding, reason=form.cleaned_data["reason"])
        messages.success(request, f"已确认检查发现：{finding.location}")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(back)


@permission_required("confidentiality.view")
def report(request, pk):
    scan_report = fetch_for(request.user, ScanReport, pk, department_field=None)
    return render(
        request,
        "confidentiality/report.html",
        {"report": scan_report, "breadcrumb": [("保密审查检查报告", None)]},
    )


@permission_required("confidentiality.view")
def scan_tool(request):
    """Upload a file and see what the scan finds. Nothing is stored (not even the file)."""
    form = ScanFileForm(request.POST or None, request.FILES or None)
    findings = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        findings = services.scan_files(agency=request.user.agency, files=[(upload.name, form.data_bytes)])
    return render(
        request,
        "confidentiality/scan_tool.html",
        {
            "form": form,
            "findings": findings,
            "filename": form.cleaned_data["file"].name if findings is not None else "",
            "breadcrumb": [("文件保密检查", None)],
        },
    )
