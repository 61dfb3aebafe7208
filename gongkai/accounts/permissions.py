"""Permission predicates. Services enforce them; templates only use them to hide buttons."""

from .roles import PERMISSIONS, READ_ONLY_ROLES, Role


def has_perm(user, permission: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active or user.agency_id is None:
        return False
    allowed = PERMISSIONS.get(permission)
    if allowed is None:
        raise KeyError(f"unknown permission {permission!r}")
    return bool(user.roles & allowed)


def same_agency(user, obj) -> bool:
    """Staff never see or change another agency's records."""
    agency_id = obj.pk if obj.__class__.__name__ == "Agency" else getattr(obj, "agency_id", None)
    return agency_id is not None and agency_id == getattr(user, "agency_id", None)


def is_read_only(user) -> bool:
    return bool(user.roles) and user.roles <= READ_ONLY_ROLES


def can_enter_office(user) -> bool:
    return has_perm(user, "office.enter")


def can_view_audit(user) -> bool:
    return has_perm(user, "audit.view")


def can_manage_accounts(user) -> bool:
    return has_perm(user, "accounts.manage")


def can_view_accounts(user) -> bool:
    return has_perm(user, "accounts.view")


def can_manage_departments(user) -> bool:
    return has_perm(user, "departments.manage")


def can_manage_site_settings(user) -> bool:
    return has_perm(user, "site_settings.manage")


def can_manage_workdays(user) -> bool:
    return has_perm(user, "workdays.manage")


def can_act_as(user, role: Role) -> bool:
    return getattr(user, "is_authenticated", False) and role in user.roles
