"""One guard and one funnel for every write (STYLE.md "One guard, one funnel").

- `require(actor, permission, obj=None)` is the permission check of every service: the role must hold
  the permission (roles.PERMISSIONS), the record must be the actor's agency's, and — for a 承办人 — the
  record's department must be theirs. A refusal raises a Chinese DomainError and is audited.
- `fetch_for(actor, Model, pk, lock=False)` is the scoped fetch: the record if the actor may see it
  (locked with SELECT … FOR UPDATE when asked), NotFound otherwise — never another agency's row.
- `SYSTEM` is the explicit actor of periodic jobs, the demo loader and citizens' own submissions; it
  passes every check, and passing `None` instead is an error (no silent bypass).
"""

from __future__ import annotations

from django.db import models

from gongkai.core.errors import NotFound, PermissionDenied
from gongkai.core.refusals import note as note_refusal

from .permissions import has_perm, same_agency
from .roles import AGENCY_WIDE_ROLES


class _System:
    """The platform itself acting: jobs, the demo loader, citizens' submissions through public forms."""

    is_system = True
    is_authenticated = False
    is_active = True
    pk = None
    id = None
    agency_id = None
    department_id = None
    roles = frozenset()

    def get_full_name(self) -> str:
        return "系统"

    def get_username(self) -> str:
        return "system"

    def __repr__(self) -> str:
        return "SYSTEM"

    def __bool__(self) -> bool:  # `if actor:` style code must not mistake SYSTEM for a person
        return True


SYSTEM = _System()


def is_system(actor) -> bool:
    return actor is SYSTEM


def user_or_none(actor):
    """The user to store in an `actor` foreign key (None for SYSTEM)."""
    return None if actor is SYSTEM else actor


def actor_label(actor) -> str:
    if actor is SYSTEM or actor is None:
        return "系统"
    return actor.get_full_name() or actor.get_username()


def _department_id(obj, department_field: str | None):
    if obj is None or department_field is None:
        return None
    return getattr(obj, f"{department_field}_id", None)


def _refuse(actor, permission: str, obj, error: Exception) -> None:
    """Raise the refusal carrying what was refused; the surface that catches it (office error handler,
    API exception handler) audits it after the transaction has rolled back (issue 11.14)."""
    error.refused = {"permission": permission, "object": obj, "actor": actor}
    note_refusal(error)
    raise error


def require(
    actor,
    permission: str,
    obj: models.Model | None = None,
    *,
    department_field: str | None = "department",
    message: str | None = None,
    not_found: str | None = None,
):
    """Refuses unless `actor` holds `permission` (and may touch `obj`). Returns `obj` for chaining.

    `message` words the refusal for the role (default 您的角色无权执行此操作。); `not_found` the answer
    for another agency's record (default 没有找到该记录。)."""
    if actor is None:
        raise TypeError("actor is required: pass the user, or accounts.guard.SYSTEM for the platform itself")
    if actor is SYSTEM:
        return obj
    if not has_perm(actor, permission):
        _refuse(actor, permission, obj, PermissionDenied(message or "您的角色无权执行此操作。"))
    if obj is not None:
        if not same_agency(actor, obj):
            _refuse(actor, permission, None, NotFound(not_found))
        department_id = _department_id(obj, department_field)
        # A record of no department is everyone's in the agency — unless its model says an unassigned
        # record is the openness office's (`guard_unassigned_is_office`, e.g. an FOI request).
        unassigned_closed = department_field is not None and getattr(obj, "guard_unassigned_is_office", False)
        if (
            (department_id is not None or unassigned_closed)
            and not (actor.roles & AGENCY_WIDE_ROLES)
            and department_id != actor.department_id
        ):
            _refuse(actor, permission, obj, PermissionDenied("该记录不由您所在的处室承办。"))
    return obj


def require_any(actor, permissions, obj: models.Model | None = None, **kwargs):
    """Refuses unless `actor` holds at least one of `permissions` (and may touch `obj`)."""
    if actor is None:
        raise TypeError("actor is required: pass the user, or accounts.guard.SYSTEM for the platform itself")
    if actor is SYSTEM:
        return obj
    held = [p for p in permissions if has_perm(actor, p)]
    if not held:
        _refuse(actor, " | ".join(permissions), obj, PermissionDenied("您的角色无权执行此操作。"))
    return require(actor, held[0], obj, **kwargs)


def require_platform_admin(actor, message: str = "只有平台管理员可以执行此操作。") -> None:
    """Refuses unless `actor` is a 平台管理员 (permissions.is_platform_admin) or SYSTEM: the national
    working-day calendar belongs to no agency, so no role of an agency may change it (ADR 0023)."""
    from .permissions import is_platform_admin

    if actor is None:
        raise TypeError("actor is required: pass the user, or accounts.guard.SYSTEM for the platform itself")
    if actor is SYSTEM or is_platform_admin(actor):
        return
    _refuse(actor, "workdays.manage", None, PermissionDenied(message))


def scoped(
    actor, qs: models.QuerySet, *, department_field: str | None = "department", via: str | None = None
) -> models.QuerySet:
    """The records of `qs` the actor may see (SYSTEM: all of them).

    `via` names the foreign key of a record that has no agency of its own (a comment, a version, a
    line): it is visible when its parent is (the parent's department rule applies)."""
    from .selectors import scope_for

    if actor is None:
        raise TypeError("actor is required")
    if actor is SYSTEM:
        return qs
    if via is not None:
        parent = qs.model._meta.get_field(via).related_model
        if not hasattr(parent, "department") and department_field == "department":
            department_field = None
        return qs.filter(
            **{
                f"{via}__in": scope_for(
                    actor, parent._default_manager.all(), department_field=department_field
                )
            }
        )
    return scope_for(actor, qs, department_field=department_field)


def fetch_for(
    actor,
    model: type[models.Model] | models.QuerySet,
    pk,
    *,
    lock: bool = False,
    department_field: str | None = "department",
    not_found: str | None = None,
    via: str | None = None,
):
    """The one scoped fetch: the row if the actor may see it (locked when asked), else NotFound."""
    qs = model if isinstance(model, models.QuerySet) else model._default_manager.all()
    if lock:
        qs = qs.select_for_update()
    if via is None and not hasattr(qs.model, "department") and department_field == "department":
        department_field = None
    qs = scoped(actor, qs, department_field=department_field, via=via)
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise NotFound(not_found) from None
