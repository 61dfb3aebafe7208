"""Permission predicates. Services enforce them; templates only use them to hide buttons."""

from .roles import PERMISSIONS, READ_ONLY_ROLES, Role


def has_perm(user, permission: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active or user.agency_id is None:
        return False
    allowed = PERMISSIONS.get(permission)
    if allowed is None:
        raise KeyError(f"unknown permission {permission!r}")
    if not getattr(user.agency, "is_active", True):  # a closed agency's office is closed (ADR 0039)
        return False
    return bool(user.roles & allowed)


def is_platform_admin(user) -> bool:
    """平台管理员: runs the platform for every agency on it (the national working-day calendar). Marked
    by `is_superuser`, which only an operator on the server sets (`gongkai platform_admin grant NAME`),
    never an agency's 系统管理员 through the office screens (ADR 0023)."""
    return bool(
        getattr(user, "is_authenticated", False) and user.is_active and getattr(user, "is_superuser", False)
    )


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
    return is_platform_admin(user)  # the calendar is national (issue 12 item 8)


def can_act_as(user, role: Role) -> bool:
    return getattr(user, "is_authenticated", False) and role in user.roles
