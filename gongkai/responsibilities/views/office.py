"""Staff screens of the 权责清单: versions, the adjustment draft, items, spreadsheet import and export.
Submitting, reviewing and approving a version are the publishing app's screens; these link to them."""

import csv

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import permission_required
from gongkai.core.errors import DomainError

from .. import selectors, services, xlsx
from ..forms import AdjustForm, ImportForm, ItemForm
from ..models import PowerItem, VersionStatus
from ..permissions import can_manage

LIST = ("权责清单", "/office/responsibilities/")


def _version_for(user, pk):
    version = selectors.versions_for(user).filter(pk=pk).first()
    if version is None:
        raise Http404("没有找到该版本。")
    return version


def _item_for(user, pk):
    item = (
        PowerItem.objects.filter(pk=pk, version__in=selectors.versions_for(user))
        .select_related("version")
        .first()
    )
    if item is None:
        raise Http404("没有找到该事项。")
    return item


@permission_required("responsibilities.view")
def versions(request):
    agency = request.user.agency
    return render(
        request,
        "responsibilities/office/list.html",
        {
            "versions": selectors.versions_for(request.user),
            "current": selectors.current_version(agency),
            "draft": selectors.draft_version(agency),
            "can_manage": can_manage(request.user),
            "breadcrumb": [("权责清单", None)],
        },
    )


@permission_required("responsibilities.manage")
def adjust(request):
    form = AdjustForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.start_adjustment(
                actor=request.user, agency=request.user.agency, **form.cleaned_data
            )
            messages.success(request, f"已生成第 {version.number} 版草稿，请修改事项后提交审查。")
            return redirect("responsibilities_office:version", version.pk)
        except DomainError as exc:
            exc.show_on(form)
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": "调整权责清单（生成新版本）",
            "submit_label": "生成新版本草稿",
            "cancel_url": reverse("responsibilities_office:list"),
            "breadcrumb": [LIST, ("调整", None)],
        },
    )


@permission_required("responsibilities.manage")
def import_file(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    lines = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data.pop("file").read()
        try:
            version = services.import_xlsx(
                actor=request.user, agency=request.user.agency, data=data, **form.cleaned_data
            )
            messages.success(request, f"已导入 {version.items.count()} 项，生成第 {version.number} 版草稿。")
            return redirect("responsibilities_office:version", version.pk)
        except services.ImportFailed as exc:
            lines = exc.lines
            form.add_error("file", "导入失败，未导入任何事项，请按下列行号修改后重新上传。")
        except DomainError as exc:
            exc.show_on(form)
    return render(
        request,
        "responsibilities/office/import.html",
        {
            "form": form,
            "lines": lines,
            "title": "导入权责清单（生成新版本）",
            "submit_label": "导入",
            "cancel_url": reverse("responsibilities_office:list"),
            "breadcrumb": [LIST, ("导入", None)],
        },
    )


def _workflow(version):
    from gongkai.publishing.selectors import workflow_for

    return workflow_for(version)


@permission_required("responsibilities.view")
def version(request, pk):
    version = _version_for(request.user, pk)
    workflow = _workflow(version)
    editable = (
        can_manage(request.user)
        and version.status == VersionStatus.DRAFT
        and (workflow is None or workflow.state == "draft")
    )
    previous = selectors.current_version(version.power_list.agency)
    changes = selectors.version_diff(previous, version) if previous and previous.pk != version.pk else []
    return render(
        request,
        "responsibilities/office/version.html",
        {
            "version": version,
            "items": version.items.all(),
            "workflow": workflow,
            "editable": editable,
            "previous": previous if previous and previous.pk != version.pk else None,
            "changes": changes,
            "breadcrumb": [LIST, (f"第 {version.number} 版", None)],
        },
    )


@permission_required("responsibilities.view")
def export(request, pk):
    version = _version_for(request.user, pk)
    items = version.items.all()
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            xlsx.export(items),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="power-list-v{version.number}.xlsx"'
        return response
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="power-list-v{version.number}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([label for label, _f, _r in xlsx.COLUMNS])
    for item in items:
        row = {f: getattr(item, f) for _l, f, _r in xlsx.COLUMNS}
        row["power_type"] = item.get_power_type_display()
        writer.writerow([row[f] for _l, f, _r in xlsx.COLUMNS])
    return response


def _item_form(request, version, item=None):
    initial = {f: getattr(item, f) for f in services.ITEM_FIELDS} if item else {}
    form = ItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_item(actor=request.user, version=version, item=item, **form.cleaned_data)
            messages.success(request, "已保存职权事项。")
            return redirect("responsibilities_office:version", version.pk)
        except DomainError as exc:
            exc.show_on(form)
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": f"{'修改' if item else '新增'}职权事项（第 {version.number} 版）",
            "cancel_url": reverse("responsibilities_office:version", args=[version.pk]),
            "breadcrumb": [
                LIST,
                (f"第 {version.number} 版", reverse("responsibilities_office:version", args=[version.pk])),
                ("事项", None),
            ],
        },
    )


@permission_required("responsibilities.manage")
def item_new(request, pk):
    return _item_form(request, _version_for(request.user, pk))


@permission_required("responsibilities.manage")
def item_edit(request, pk):
    item = _item_for(request.user, pk)
    return _item_form(request, item.version, item)


@require_POST
@permission_required("responsibilities.manage")
def item_delete(request, pk):
    item = _item_for(request.user, pk)
    version_pk = item.version_id
    try:
        services.delete_item(actor=request.user, item=item)
        messages.success(request, f"已删除职权事项 {item.code}。")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("responsibilities_office:version", version_pk)
