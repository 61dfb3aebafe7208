"""Who may do what with government information. Services enforce; templates only hide buttons."""

from gongkai.accounts.permissions import has_perm, is_read_only, same_agency
from gongkai.accounts.roles import AGENCY_WIDE_ROLES


def can_view(user) -> bool:
    return has_perm(user, "catalogue.view")


def can_manage(user) -> bool:
    return has_perm(user, "catalogue.manage") and not is_read_only(user)


def can_create(user) -> bool:
    return has_perm(user, "catalogue.edit") and not is_read_only(user)


def can_edit_item(user, item) -> bool:
    """承办人 edit their own 处室's items; the openness office edits every item of its agency."""
    if not can_create(user) or not same_agency(user, item):
        return False
    if user.roles & AGENCY_WIDE_ROLES:
        return True
    return user.department_id is not None and item.department_id == user.department_id


def can_manage_normative(user) -> bool:
    """规范性文件 profiles, status changes and cleanup campaigns: the openness office."""
    return has_perm(user, "normative.manage") and not is_read_only(user)
