"""Office screens of the city platform: agencies (platform administrator: create, edit, close, reopen,
name the administrator, move staff) and the agency's own local rules (its administrator)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import office_required
from gongkai.accounts.models import User
from gongkai.accounts.permissions import can_manage_site_settings, is_platform_admin
from gongkai.accounts.roles import Role
from gongkai.core import agency_settings, sites
from gongkai.core.errors import DomainError
from gongkai.core.models import Agency

from .. import services
from ..forms import AdministratorForm, AgencyForm, CloseForm, MoveStaffForm, RuleForm

AGENCIES_CRUMB = ("机关管理", "/office/platform/agencies/")


def _platform_admin(request):
    if not is_platform_admin(request.user):
        raise PermissionDenied("机关管理由平台管理员办理。")


@office_required
def agencies(request):
    _platform_admin(request)
    rows = Agency.objects.select_related("parent").order_by("-is_active", "kind", "sort_order", "id")
    return render(
        request,
        "city/office/agencies.html",
        {
            "rows": [(a, sites.agency_base(a) + "/" if a.is_active else "") for a in rows],
            "breadcrumb": [(AGENCIES_CRUMB[0], None)],
        },
    )


@office_required
def agency_edit(request, pk=None):
    _platform_admin(request)
    agency = get_object_or_404(Agency, pk=pk) if pk else None
    initial = {}
    if agency is not None:
        initial = {f: getattr(agency, f) for f in services.AGENCY_FIELDS}
    form = AgencyForm(request.POST or None, instance=agency, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if agency is None:
                agency = services.create_agency(actor=request.user, **form.cleaned_data)
                messages.success(request, f"已新建机关：{agency.name}。请指定其系统管理员。")
            else:
                services.update_agency(actor=request.user, agency=agency, **form.cleaned_data)
                messages.success(request, "机关信息已保存。")
            return redirect("city_office:agency", agency.pk)
        except DomainError as exc:
            exc.show_on(form)
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": f"编辑机关：{agency.name}" if agency else "新建机关",
            "cancel_url": "/office/platform/agencies/",
            "breadcrumb": [AGENCIES_CRUMB, ("编辑" if agency else "新建", None)],
        },
    )


def _agency_page(request, agency, *, status=200, **forms):
    admins = [
        u
        for u in User.objects.filter(agency=agency, is_active=True).order_by("username")
        if Role.ADMINISTRATOR in u.roles
    ]
    return render(
        request,
        "city/office/agency.html",
        {
            "agency": agency,
            "site_url": sites.agency_base(agency) + "/" if agency.is_active else "",
            "administrators": admins,
            "staff": User.objects.filter(agency=agency).select_related("department").order_by("username"),
            "close_form": forms.get("close_form") or CloseForm(),
            "admin_form": forms.get("admin_form") or AdministratorForm(),
            "move_form": forms.get("move_form") or MoveStaffForm(agency=agency),
            "breadcrumb": [AGENCIES_CRUMB, (agency.name, None)],
        },
        status=status,
    )


@office_required
def agency(request, pk):
    _platform_admin(request)
    return _agency_page(request, get_object_or_404(Agency, pk=pk))


@office_required
@require_POST
def agency_close(request, pk):
    _platform_admin(request)
    target = get_object_or_404(Agency, pk=pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.close_agency(actor=request.user, agency=target, reason=form.cleaned_data["reason"])
            messages.success(request, f"已关闭：{target.name}。其网站与工作台不再开放，记录保留。")
            return redirect("city_office:agency", target.pk)
        except DomainError as exc:
            exc.show_on(form)
    return _agency_page(request, target, status=422, close_form=form)


@office_required
@require_POST
def agency_reopen(request, pk):
    _platform_admin(request)
    target = get_object_or_404(Agency, pk=pk)
    try:
        services.reopen_agency(actor=request.user, agency=target)
        messages.success(request, f"已重新启用：{target.name}。")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("city_office:agency", target.pk)


@office_required
@require_POST
def agency_administrator(request, pk):
    _platform_admin(request)
    target = get_object_or_404(Agency, pk=pk)
    form = AdministratorForm(request.POST)
    if form.is_valid():
        try:
            user = services.name_administrator(actor=request.user, agency=target, **form.cleaned_data)
            messages.success(request, f"已指定 {user.full_name or user.username} 为{target.name}系统管理员。")
            return redirect("city_office:agency", target.pk)
        except DomainError as exc:
            exc.show_on(form)
    return _agency_page(request, target, status=422, admin_form=form)


@office_required
@require_POST
def agency_move_staff(request, pk):
    _platform_admin(request)
    source = get_object_or_404(Agency, pk=pk)
    form = MoveStaffForm(request.POST, agency=source)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.move_staff(
                actor=request.user, user=d["user"], to_agency=d["to_agency"], department=d["department"]
            )
            messages.success(
                request, f"已将 {d['user']} 调往{d['to_agency'].name}；其在本机关的办理记录保留在本机关。"
            )
            return redirect("city_office:agency", source.pk)
        except DomainError as exc:
            exc.show_on(form)
    return _agency_page(request, source, status=422, move_form=form)


# --- the agency's own rules (item 7) ----------------------------------------------------------------
@office_required
def rules(request):
    agency = request.user.agency
    can_manage = can_manage_site_settings(request.user)
    form = RuleForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied("本机关规则由本机关系统管理员设置。")
        if request.POST.get("reset"):
            try:
                services.reset_rule(actor=request.user, agency=agency, key=request.POST.get("reset", ""))
                messages.success(request, "已恢复平台默认。")
                return redirect("city_office:rules")
            except DomainError as exc:
                messages.error(request, exc.message)
        elif form.is_valid():
            try:
                services.set_rule(actor=request.user, agency=agency, **form.cleaned_data)
                messages.success(request, "本机关设置已保存。")
                return redirect("city_office:rules")
            except DomainError as exc:
                exc.show_on(form)
        status = 422
    return render(
        request,
        "city/office/rules.html",
        {
            "rows": agency_settings.explain(agency),
            "form": form,
            "can_manage": can_manage,
            "agency_value": agency_settings.AGENCY_VALUE,
            "breadcrumb": [("本机关规则", None)],
        },
        status=status,
    )


# --- the city portal's own footer (item 2) ------------------------------------------------------------
@office_required
def portal_settings(request):
    """网站标识码, ICP备案号, 公安备案号 and the rest of the city portal's footer (platform administrator)."""
    from ..forms import PortalSettingsForm
    from ..selectors import portal_settings as current

    _platform_admin(request)
    form = PortalSettingsForm(request.POST or None, instance=current())
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_portal_settings(actor=request.user, **form.cleaned_data)
                messages.success(request, "市政府门户网站设置已保存。")
                return redirect("city_office:portal_settings")
            except DomainError as exc:
                exc.show_on(form)
        status = 422
    return render(
        request,
        "city/office/portal_settings.html",
        {"form": form, "breadcrumb": [("市政府门户网站设置", None)]},
        status=status,
    )
