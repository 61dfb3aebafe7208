"""Who may see and edit the calendar. Seeing: workdays.view (every staff role). Editing: the calendar is
national (国务院办公厅's announcement applies to every agency on the platform), so only a platform
administrator may change or announce it, never one agency's 系统管理员 (issue 12 item 8, ADR 0023)."""

from gongkai.accounts.permissions import has_perm, is_platform_admin


def can_view_workdays(user) -> bool:
    return has_perm(user, "workdays.view")


def can_manage_workdays(user) -> bool:
    return is_platform_admin(user)
