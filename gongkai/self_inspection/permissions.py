"""Who may do what in the annual self-inspection. Services enforce; templates only hide buttons."""

from gongkai.accounts.permissions import has_perm


def can_view(user) -> bool:
    return has_perm(user, "self_inspection.view")


def can_manage(user) -> bool:
    return has_perm(user, "self_inspection.manage")
