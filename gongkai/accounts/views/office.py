from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from gongkai.accounts.decorators import office_required
from gongkai.core.errors import DomainError
from gongkai.core.selectors import site_settings_for

from .. import services
from ..forms import DepartmentForm, PasswordChangeForm, SiteSettingsForm, StaffUserForm
from ..models import Department, User
from ..permissions import can_manage_accounts, can_manage_site_settings, can_view_accounts
from ..selectors import departments_of, staff_of


@office_required
def users(request):
    if not can_view_accounts(request.user):
        raise PermissionDenied
    qs = staff_of(request.user.agency).order_by("department__sort_order", "id")
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(full_name__icontains=q) | qs.filter(username__icontains=q)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/users.html",
        {
            "page": page,
            "q": q,
            "can_manage": can_manage_accounts(request.user),
            "breadcrumb": [("工作人员", None)],
        },
    )


@office_required
def user_edit(request, pk=None):
    if not can_manage_accounts(request.user):
        raise PermissionDenied
    agency = request.user.agency
    user = get_object_or_404(User, pk=pk, agency=agency) if pk else None
    initial = {}
    if user:
        initial = {
            "username": user.username,
            "full_name": user.full_name,
            "department": user.department,
            "roles": [r.value for r in user.roles],
            "email": user.email,
            "phone": user.phone,
            "is_active": user.is_active,
        }
    form = StaffUserForm(request.POST or None, agency=agency, editing=bool(user), initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if user is None:
                user = services.create_staff_user(
                    actor=request.user,
                    agency=agency,
                    username=d["username"],
                    password=d["password"],
                    full_name=d["full_name"],
                    department=d["department"],
                    roles=d["roles"],
                    email=d["email"],
                    phone=d["phone"],
                )
                messages.success(request, f"已创建工作人员账号：{user}")
            else:
                services.update_staff_user(
                    actor=request.user,
                    user=user,
                    full_name=d["full_name"],
                    department=d["department"],
                    roles=d["roles"],
                    is_active=d["is_active"],
                    email=d["email"],
                    phone=d["phone"],
                )
                if d["password"]:
                    services.reset_password(actor=request.user, user=user, password=d["password"])
                messages.success(request, f"已保存：{user}")
            return redirect("accounts_office:users")
        except DomainError as exc:
            exc.show_on(form)
    title = f"编辑工作人员：{user}" if user else "新建工作人员"
    return render(
        request,
        "office/form.html",
        {"form": form, "title": title, "breadcrumb": [("工作人员", "/office/accounts/"), (title, None)]},
    )


@office_required
def departments(request):
    if not can_view_accounts(request.user):
        raise PermissionDenied
    from ..permissions import can_manage_departments

    return render(
        request,
        "accounts/departments.html",
        {
            "departments": departments_of(request.user.agency, active_only=False),
            "can_manage": can_manage_departments(request.user),
            "breadcrumb": [("处室", None)],
        },
    )


@office_required
def department_edit(request, pk=None):
    from ..permissions import can_manage_departments

    if not can_manage_departments(request.user):
        raise PermissionDenied
    agency = request.user.agency
    dept = get_object_or_404(Department, pk=pk, agency=agency) if pk else None
    initial = {}
    if dept:
        initial = {
            "name": dept.name,
            "code": dept.code,
            "duties": dept.duties,
            "sort_order": dept.sort_order,
            "is_active": dept.is_active,
        }
    form = DepartmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            dept = services.save_department(
                actor=request.user, agency=agency, department=dept, **form.cleaned_data
            )
            messages.success(request, f"已保存处室：{dept}")
            return redirect("accounts_office:departments")
        except DomainError as exc:
            exc.show_on(form)
    title = f"编辑处室：{dept}" if dept else "新建处室"
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": title,
            "breadcrumb": [("处室", "/office/accounts/departments/"), (title, None)],
        },
    )


@office_required
def site_settings(request):
    if not can_manage_site_settings(request.user):
        raise PermissionDenied
    agency = request.user.agency
    current = site_settings_for(agency)
    form = SiteSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_site_settings(
                actor=request.user,
                agency=agency,
                **{f: form.cleaned_data[f] for f in services.SITE_SETTING_FIELDS},
            )
            messages.success(request, "网站设置已保存。")
            return redirect("accounts_office:site_settings")
        except DomainError as exc:
            exc.show_on(form)
    return render(
        request, "office/form.html", {"form": form, "title": "网站设置", "breadcrumb": [("网站设置", None)]}
    )


@office_required
def password_change(request):
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_own_password(
                actor=request.user,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password"],
            )
            from django.contrib.auth import update_session_auth_hash

            update_session_auth_hash(request, request.user)
            messages.success(request, "密码已修改。")
            return redirect("office:home")
        except DomainError as exc:
            exc.show_on(form)
    return render(
        request, "office/form.html", {"form": form, "title": "修改密码", "breadcrumb": [("修改密码", None)]}
    )
