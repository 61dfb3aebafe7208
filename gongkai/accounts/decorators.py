from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from .permissions import can_enter_office, has_perm


def office_required(view):
    """Every /office/ page: signed-in staff of an agency with at least one role."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_enter_office(request.user):
            raise PermissionDenied("您的账号尚未分配角色，请联系系统管理员。")
        return view(request, *args, **kwargs)

    wrapped.office_required = True
    return wrapped


def permission_required(permission: str):
    """An /office/ page that needs one permission of roles.PERMISSIONS (403 with a Chinese message)."""

    def decorate(view):
        @office_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not has_perm(request.user, permission):
                raise PermissionDenied("您的角色无权访问此页面。")
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
