"""Who may see and edit the calendar (roles.PERMISSIONS: workdays.view, workdays.manage)."""

from gongkai.accounts.permissions import has_perm


def can_view_workdays(user) -> bool:
    return has_perm(user, "workdays.view")


def can_manage_workdays(user) -> bool:
    return has_perm(user, "workdays.manage")
