"""Who may do what with the negative list and the scan findings. Services enforce; templates hide."""

from gongkai.accounts.permissions import has_perm


def can_manage_negative_list(user) -> bool:
    return has_perm(user, "negative_list.manage")


def can_view_findings(user) -> bool:
    return has_perm(user, "confidentiality.view")


def can_override_findings(user) -> bool:
    return has_perm(user, "confidentiality.override")
