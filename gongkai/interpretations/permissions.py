"""Who may do what with interpretations. Services enforce; templates only hide buttons."""

from gongkai.accounts.permissions import has_perm, is_read_only, same_agency
from gongkai.accounts.roles import AGENCY_WIDE_ROLES


def can_view(user) -> bool:
    return has_perm(user, "interpretations.view")


def can_create(user) -> bool:
    return has_perm(user, "interpretations.edit") and not is_read_only(user)


def can_edit(user, interpretation) -> bool:
    """谁起草、谁解读: the drafting department's 承办人, or the openness office."""
    if not can_create(user) or not same_agency(user, interpretation):
        return False
    if user.roles & AGENCY_WIDE_ROLES:
        return True
    return user.department_id is not None and interpretation.department_id == user.department_id


def can_waive(user) -> bool:
    """Only an approving leader may let a policy go out without its interpretation."""
    return has_perm(user, "interpretations.waive") and not is_read_only(user)
