"""Staff screens of 办事指南: guides, versions (edit while draft, revise when published), materials and
their files, 纠错 routed to the department. Submitting and approving are the publishing app's screens."""

import csv
import io

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import permission_required
from gongkai.accounts.permissions import has_perm
from gongkai.core.errors import DomainError

from .. import selectors, services
from ..elements import missing_elements
from ..forms import ElementsForm, FileForm, MaterialForm, NewGuideForm, ReplyForm, RevisionForm
from ..models import ErrorReport, GuideVersion, Material

LIST = ("办事指南", "/office/service-guides/")
EXPORT_COLUMNS = (
    "事项编码",
    "事项名称",
    "承办处室",
    "现行版本",
    "法定时限",
    "承诺时限",
    "收费",
    "评价数",
    "平均分",
)


def _page(request, form, title, cancel, submit_label="保存"):
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": title,
            "submit_label": submit_label,
            "cancel_url": cancel,
            "breadcrumb": [LIST, (title, None)],
        },
    )


def _version_for(user, pk) -> GuideVersion:
    v = GuideVersion.objects.filter(pk=pk, item__in=selectors.items_for(user)).select_related("item").first()
    if v is None:
        raise Http404("没有找到该办事指南。")
    return v


def _material_for(user, pk) -> Material:
    m = (
        Material.objects.filter(pk=pk, version__item__in=selectors.items_for(user))
        .select_related("version__item")
        .first()
    )
    if m is None:
        raise Http404("没有找到该材料。")
    return m


@permission_required("service_guides.view")
def guide_list(request):
    items = selectors.items_for(request.user).prefetch_related("versions")
    rows = []
    for item in items:
        versions = sorted(item.versions.all(), key=lambda v: -v.number)
        current = next((v for v in versions if v.status == "published"), None)
        rows.append(
            {
                "item": item,
                "latest": versions[0] if versions else None,
                "current": current,
                "rating": selectors.rating_summary(current) if current else None,
            }
        )
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        table = [
            [
                r["item"].code,
                r["item"].name,
                str(r["item"].department or ""),
                r["current"].number if r["current"] else "",
                r["current"].statutory_days if r["current"] else "",
                r["current"].promised_days if r["current"] else "",
                ("不收费" if r["current"].fee_free else r["current"].fee_standard) if r["current"] else "",
                r["rating"]["count"] if r["rating"] else 0,
                r["rating"]["average"] if r["rating"] else "",
            ]
            for r in rows
        ]
        if fmt == "csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="service-guides.csv"'
            response.write("\ufeff")
            writer = csv.writer(response)
            writer.writerow(EXPORT_COLUMNS)
            writer.writerows(table)
            return response
        from openpyxl import Workbook

        book = Workbook()
        book.active.title = "办事指南"
        book.active.append(EXPORT_COLUMNS)
        for row in table:
            book.active.append(row)
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(
            out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = 'attachment; filename="service-guides.xlsx"'
        return response
    return render(
        request,
        "service_guides/office/list.html",
        {
            "rows": rows,
            "open_reports": selectors.open_error_reports(request.user).count(),
            "can_manage": has_perm(request.user, "service_guides.manage"),
            "breadcrumb": [("办事指南", None)],
        },
    )


@permission_required("service_guides.manage")
def guide_new(request):
    form = NewGuideForm(request.POST or None, agency=request.user.agency, initial={"fee_free": True})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            version = services.create_guide(
                actor=request.user,
                agency=request.user.agency,
                code=data.pop("code"),
                name=data.pop("name"),
                department=data.pop("department"),
                **data,
            )
            messages.success(request, "已保存办事指南草稿，请添加申请材料后提交审查。")
            return redirect("service_guides_office:version", version.pk)
        except DomainError as exc:
            exc.show_on(form)
    return _page(request, form, "新建办事指南", reverse("service_guides_office:list"))


@permission_required("service_guides.view")
def version(request, pk):
    from gongkai.publishing.selectors import workflow_for

    v = _version_for(request.user, pk)
    workflow = workflow_for(v)
    editable = (
        has_perm(request.user, "service_guides.manage")
        and v.status == "draft"
        and (workflow is None or workflow.state == "draft")
    )
    current = v.item.versions.filter(status="published").exclude(pk=v.pk).first()
    return render(
        request,
        "service_guides/office/version.html",
        {
            "v": v,
            "workflow": workflow,
            "editable": editable,
            "missing": missing_elements(services._snapshot(v), v.materials.count()),
            "materials": v.materials.all(),
            "versions": v.item.versions.all(),
            "changes": selectors.version_changes(current, v) if current and v.status == "draft" else [],
            "current": current,
            "file_form": FileForm(),
            "can_revise": has_perm(request.user, "service_guides.manage")
            and v.status == "published"
            and not v.item.versions.filter(status="draft").exists(),
            "breadcrumb": [LIST, (str(v), None)],
        },
    )


@permission_required("service_guides.manage")
def edit(request, pk):
    v = _version_for(request.user, pk)
    form = ElementsForm(request.POST or None, initial=services._snapshot(v))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_guide(actor=request.user, version=v, **form.cleaned_data)
            messages.success(request, "已保存。")
            return redirect("service_guides_office:version", v.pk)
        except DomainError as exc:
            exc.show_on(form)
    return _page(request, form, f"编辑：{v}", reverse("service_guides_office:version", args=[v.pk]))


@permission_required("service_guides.manage")
def revise(request, pk):
    v = _version_for(request.user, pk)
    form = RevisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.start_revision(actor=request.user, item=v.item, **form.cleaned_data)
            messages.success(request, f"已生成第 {new.number} 版草稿。")
            return redirect("service_guides_office:version", new.pk)
        except DomainError as exc:
            exc.show_on(form)
    return _page(
        request,
        form,
        f"修订：{v.item.name}",
        reverse("service_guides_office:version", args=[v.pk]),
        "生成新版本草稿",
    )


def _material_form(request, v, material=None):
    initial = {f: getattr(material, f) for f in services.MATERIAL_FIELDS} if material else {}
    form = MaterialForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_material(actor=request.user, version=v, material=material, **form.cleaned_data)
            messages.success(request, "已保存申请材料。")
            return redirect("service_guides_office:version", v.pk)
        except DomainError as exc:
            exc.show_on(form)
    return _page(
        request,
        form,
        f"{'修改' if material else '添加'}申请材料",
        reverse("service_guides_office:version", args=[v.pk]),
    )


@permission_required("service_guides.manage")
def material_new(request, pk):
    return _material_form(request, _version_for(request.user, pk))


@permission_required("service_guides.manage")
def material_edit(request, pk):
    m = _material_for(request.user, pk)
    return _material_form(request, m.version, m)


@require_POST
@permission_required("service_guides.manage")
def material_delete(request, pk):
    m = _material_for(request.user, pk)
    try:
        services.delete_material(actor=request.user, material=m)
        messages.success(request, f"已删除材料：{m.name}")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("service_guides_office:version", m.version_id)


@require_POST
@permission_required("service_guides.manage")
def material_file(request, pk):
    m = _material_for(request.user, pk)
    form = FileForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请选择文件类型并上传文件。")
    else:
        upload = form.cleaned_data["file"]
        try:
            services.set_material_file(
                actor=request.user,
                material=m,
                which=form.cleaned_data["which"],
                filename=upload.name,
                data=upload.read(),
            )
            messages.success(request, "已上传。")
        except DomainError as exc:
            messages.error(request, exc.message)
    return redirect("service_guides_office:version", m.version_id)


@permission_required("service_guides.view")
def errors(request):
    reports = ErrorReport.objects.filter(
        pk__in=selectors.open_error_reports(request.user).values("pk")
    ).select_related("version__item")
    return render(
        request,
        "service_guides/office/errors.html",
        {
            "reports": reports,
            "reply_form": ReplyForm(),
            "can_manage": has_perm(request.user, "service_guides.manage"),
            "breadcrumb": [LIST, ("纠错", None)],
        },
    )


@require_POST
@permission_required("service_guides.manage")
def error_handle(request, pk):
    report = selectors.open_error_reports(request.user).filter(pk=pk).first()
    if report is None:
        raise Http404("没有找到该纠错。")
    try:
        services.handle_error_report(actor=request.user, report=report, reply=request.POST.get("reply", ""))
        messages.success(request, "已处理。")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("service_guides_office:errors")
