"""Reads scoped to what a member of staff may see."""

from django.db.models import QuerySet

from .models import Department, User
from .roles import AGENCY_WIDE_ROLES, Role


def scope_for(user, qs: QuerySet, *, department_field: str | None = "department") -> QuerySet:
    """The scoping selector every capability uses.

    - no agency or no role: nothing;
    - agency-wide roles (公开办, 审查员, 分管领导, 发言人, 监督, 管理员): their agency's records;
    - 承办人 only: the records of their own department (and, with no department, nothing).
    """
    if not getattr(user, "is_authenticated", False) or user.agency_id is None or not user.roles:
        return qs.none()
    qs = qs.filter(agency_id=user.agency_id)
    if user.roles & AGENCY_WIDE_ROLES or department_field is None:
        return qs
    if user.department_id is None:
        return qs.none()
    return qs.filter(**{f"{department_field}_id": user.department_id})


def departments_of(agency, *, active_only: bool = True) -> QuerySet[Department]:
    qs = Department.objects.filter(agency=agency)
    return qs.filter(is_active=True) if active_only else qs


def staff_of(agency) -> QuerySet[User]:
    return (
        User.objects.filter(agency=agency).select_related("department").prefetch_related("role_assignments")
    )


def staff_with_role(agency, role: Role) -> QuerySet[User]:
    return staff_of(agency).filter(is_active=True, role_assignments__role=role).distinct()
