"""Who may do what with annual reports: like the FOI statistics page (the openness office prepares it;
the supervisor may read it). Services enforce; templates only hide buttons."""

from gongkai.accounts.permissions import has_perm, is_read_only, same_agency

VIEW_PERMISSION = "foi.statistics"  # 政务公开办, 监督（只读）
EDIT_PERMISSION = "foi.manage"  # 政务公开办


def can_view(user) -> bool:
    return has_perm(user, VIEW_PERMISSION)


def can_edit(user, report=None) -> bool:
    if not has_perm(user, EDIT_PERMISSION) or is_read_only(user):
        return False
    return report is None or same_agency(user, report)
