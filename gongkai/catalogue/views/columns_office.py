"""栏目管理: an agency's 系统管理员 adds, renames, orders, hides, shows and merges the agency's own columns
(issue 18 item 4, ADR 0050). Every change is a call of `column_services`, which checks and audits."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import permission_required
from gongkai.core.errors import Conflict, DomainError, ValidationFailed
from gongkai.core.site_map import SECTIONS

from .. import column_services, columns
from ..column_forms import AddColumnForm, EditColumnForm

PERMISSION = column_services.PERMISSION
CRUMB = ("栏目管理", "/office/catalogue/columns/")


def _rows(agency):
    """Every column with its figures: public items of a list column, what the empty-column rule sees."""
    rows = []
    for view in columns.all_columns(agency):
        count = columns.column_figures(agency, view)[0] if view.is_list else None
        rows.append((view, count))
    return rows


@permission_required(PERMISSION)
def column_list(request):
    agency = request.user.agency
    rows = _rows(agency)
    targets = [(v.slug, v.label) for v, _ in rows if v.is_list and not v.merged_into]
    by_section = [(s, [(v, n) for v, n in rows if v.section == s.slug]) for s in SECTIONS]
    return render(
        request,
        "catalogue/office/columns.html",
        {
            "sections": by_section,
            "targets": targets,
            "upstream": columns.upstream_agencies(
                agency, next(v for v, _ in rows if v.builtin == columns.SUPERIOR)
            ),
            "breadcrumb": [(CRUMB[0], None)],
        },
    )


@permission_required(PERMISSION)
def column_new(request):
    agency = request.user.agency
    form = AddColumnForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            row = column_services.add_column(actor=request.user, agency=agency, **form.cleaned_data)
            note = "（暂无公开信息，已先隐藏；发布信息后可显示）" if row.is_hidden else ""
            messages.success(request, f"已新增栏目「{row.label}」{note}。")
            return redirect("catalogue_office:columns")
        except DomainError as exc:
            exc.show_on(form)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "catalogue/office/column_form.html",
        {"form": form, "title": "新增栏目", "breadcrumb": [CRUMB, ("新增栏目", None)]},
        status=status,
    )


def _column(agency, slug):
    found = next((c for c in columns.all_columns(agency) if c.slug == slug), None)
    if found is None:
        raise Http404("没有找到该栏目。")
    return found


@permission_required(PERMISSION)
def column_edit(request, slug: str):
    agency = request.user.agency
    found = _column(agency, slug)
    superior = found.builtin == columns.SUPERIOR
    initial = {"label": found.label, "description": found.description}
    if found.row is not None:
        initial.update(node=found.row.node_id, category=found.row.category)
        if superior:
            initial["sources"] = list(found.row.sources.values_list("pk", flat=True))
    form = EditColumnForm(
        request.POST or None, agency=agency, added=found.is_added, superior=superior, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            column_services.update_column(actor=request.user, agency=agency, slug=slug, **form.cleaned_data)
            messages.success(request, f"栏目「{form.cleaned_data['label']}」已保存。")
            return redirect("catalogue_office:columns")
        except DomainError as exc:
            exc.show_on(form)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "catalogue/office/column_form.html",
        {
            "form": form,
            "column": found,
            "title": f"修改栏目：{found.label}",
            "breadcrumb": [CRUMB, (found.label, None)],
        },
        status=status,
    )


ACTIONS = ("up", "down", "hide", "show", "merge", "unmerge")


@require_POST
@permission_required(PERMISSION)
def column_action(request, slug: str, action: str):
    agency, actor = request.user.agency, request.user
    if action not in ACTIONS:
        raise Http404("没有这个操作。")
    try:
        if action in ("up", "down"):
            column_services.move_column(actor=actor, agency=agency, slug=slug, direction=action)
            messages.success(request, "栏目顺序已调整。")
        elif action in ("hide", "show"):
            row = column_services.set_hidden(actor=actor, agency=agency, slug=slug, hidden=action == "hide")
            messages.success(request, f"栏目「{row.label}」已{'隐藏' if action == 'hide' else '显示'}。")
        elif action == "merge":
            target = request.POST.get("target", "")
            if not target:
                raise ValidationFailed("请选择并入的栏目。", field="target")
            into = column_services.merge_columns(actor=actor, agency=agency, source=slug, target=target)
            messages.success(request, f"已并入「{into.label}」：原栏目的信息在该栏目中显示。")
        else:
            row = column_services.unmerge_column(actor=actor, agency=agency, slug=slug)
            messages.success(request, f"栏目「{row.label}」已取消合并，暂为隐藏。")
    except (Conflict, ValidationFailed) as exc:  # a refusal of substance; others are 403/404 pages
        messages.error(request, exc.message)
    return redirect("catalogue_office:columns")
