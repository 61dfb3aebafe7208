from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from gongkai.accounts.permissions import can_enter_office


def office_required(view):
    """Every /office/ page: signed-in staff of an agency with at least one role."""

    @login_required
    def wrapped(request, *args, **kwargs):
        if not can_enter_office(request.user):
            raise PermissionDenied("您的账号尚未分配角色，请联系系统管理员。")
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    wrapped.office_required = True
    return wrapped


class LoginView(auth_views.LoginView):
    template_name = "office/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


@office_required
def home(request):
    """我的工作: what is due and what waits for me. Capabilities add their panels (work_panels)."""
    from .work_panels import panels_for

    return render(request, "office/home.html", {"panels": panels_for(request.user),
                                                "breadcrumb": [("我的工作", None)]})
