"""Every write of the city platform: agencies (platform administrator), agency administrators, moving
staff between agencies, and an agency's own local rules (its administrator). Check, write, audit, in
one transaction (issue 18 items 6 and 7; ADR 0039)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import Department, User
from gongkai.accounts.permissions import can_manage_site_settings, is_platform_admin, same_agency
from gongkai.accounts.roles import Role
from gongkai.accounts.services import _check_password, _set_roles
from gongkai.core import agency_settings, audit
from gongkai.core.errors import Conflict, PermissionDenied, ValidationFailed
from gongkai.core.models import Agency, AgencySetting, SiteSettings

AGENCY_FIELDS = (
    "code",
    "name",
    "short_name",
    "organisation_code",
    "area_code",
    "kind",
    "parent",
    "site_host",
    "sort_order",
)
RESERVED_CODES = frozenset({"api", "office", "static", "media", "city", "bm", "admin"})


def _require_platform_admin(actor) -> None:
    if not is_platform_admin(actor):
        raise PermissionDenied("机关的新建、关闭与人员调动由平台管理员办理。")


def _snapshot(agency: Agency) -> dict:
    return {
        "code": agency.code,
        "name": agency.name,
        "organisation_code": agency.organisation_code,
        "kind": agency.kind,
        "parent": agency.parent.name if agency.parent_id else None,
        "site_host": agency.site_host,
        "is_active": agency.is_active,
    }


def _validate(agency: Agency) -> None:
    if agency.code.lower() in RESERVED_CODES:
        raise ValidationFailed(f"代码“{agency.code}”为平台保留字，请换一个。", field="code")
    if Agency.objects.filter(code__iexact=agency.code).exclude(pk=agency.pk).exists():
        raise ValidationFailed("该代码已被其他机关使用。", field="code")
    if agency.site_host and Agency.objects.filter(site_host=agency.site_host).exclude(pk=agency.pk).exists():
        raise ValidationFailed("该域名已被其他机关使用。", field="site_host")
    parent = agency.parent
    seen = {agency.pk}
    while parent is not None:
        if parent.pk in seen:
            raise ValidationFailed("上级机关不能是本机关或其下级机关。", field="parent")
        seen.add(parent.pk)
        parent = parent.parent
    try:
        agency.full_clean(exclude=["parent"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise ValidationFailed("；".join(messages), field=field) from None


def create_agency(*, actor, site_name: str = "", **values) -> Agency:
    """A new agency with its site settings (网站名称/主办单位 default to its name)."""
    _require_platform_admin(actor)
    values["site_host"] = (values.get("site_host") or "").strip().lower()
    agency = Agency(**{k: v for k, v in values.items() if k in AGENCY_FIELDS})
    _validate(agency)
    with transaction.atomic():
        agency.save()
        SiteSettings.objects.create(
            agency=agency,
            site_name=site_name or f"{agency.name}政府信息公开",
            host_organisation=agency.name,
        )
        audit.record(actor=actor, verb="agency.created", obj=agency, agency=agency, after=_snapshot(agency))
    return agency


def update_agency(*, actor, agency: Agency, **values) -> Agency:
    _require_platform_admin(actor)
    with transaction.atomic():
        agency = Agency.objects.select_for_update().get(pk=agency.pk)
        before = _snapshot(agency)
        values["site_host"] = (values.get("site_host") or "").strip().lower()
        for field, value in values.items():
            if field in AGENCY_FIELDS:
                setattr(agency, field, value)
        _validate(agency)
        agency.save()
        after = _snapshot(agency)
        if before != after:
            audit.record(
                actor=actor, verb="agency.updated", obj=agency, agency=agency, before=before, after=after
            )
    return agency


def close_agency(*, actor, agency: Agency, reason: str) -> Agency:
    """关闭: the agency's site and office close; its records stay (and stay its own)."""
    _require_platform_admin(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed("请填写关闭的原因（如机构改革撤并）。", field="reason")
    if agency.code == settings.GONGKAI_DEFAULT_AGENCY:
        raise Conflict("该机关是平台根地址的默认机关（GONGKAI_DEFAULT_AGENCY），不能关闭。")
    with transaction.atomic():
        agency = Agency.objects.select_for_update().get(pk=agency.pk)
        if not agency.is_active:
            raise Conflict("该机关已关闭。")
        if Agency.objects.filter(parent=agency, is_active=True).exists():
            raise Conflict("该机关还有启用中的下级机关，请先调整或关闭下级机关。")
        agency.is_active, agency.closed_at = False, timezone.now()
        agency.save(update_fields=["is_active", "closed_at"])
        audit.record(
            actor=actor, verb="agency.closed", obj=agency, agency=agency, after={"reason": reason[:500]}
        )
    return agency


def reopen_agency(*, actor, agency: Agency) -> Agency:
    _require_platform_admin(actor)
    with transaction.atomic():
        agency = Agency.objects.select_for_update().get(pk=agency.pk)
        if agency.is_active:
            raise Conflict("该机关处于启用状态。")
        agency.is_active, agency.closed_at = True, None
        agency.save(update_fields=["is_active", "closed_at"])
        audit.record(actor=actor, verb="agency.reopened", obj=agency, agency=agency)
    return agency


def name_administrator(
    *, actor, agency: Agency, username: str, full_name: str = "", password: str = "", email: str = ""
) -> User:
    """Names the agency's 系统管理员: an existing account of the agency gets the role; a new username
    becomes a new account of the agency (with the password given)."""
    _require_platform_admin(actor)
    username = (username or "").strip()
    if not username:
        raise ValidationFailed("请填写用户名。", field="username")
    with transaction.atomic():
        user = User.objects.select_for_update().filter(username=username).first()
        if user is not None and user.agency_id != agency.pk:
            raise ValidationFailed(
                f"该用户属于{user.agency.name if user.agency_id else '其他机关'}；请先将其调入本机关。",
                field="username",
            )
        if user is None:
            user = User(username=username, full_name=(full_name or "").strip(), agency=agency, email=email)
            _check_password(password, user)
            user.set_password(password)
            user.save()
            audit.record(
                actor=actor, verb="user.created", obj=user, agency=agency, after={"username": username}
            )
        _set_roles(user, {*user.roles, Role.ADMINISTRATOR})
        audit.record(
            actor=actor,
            verb="agency.administrator_named",
            obj=agency,
            agency=agency,
            after={"username": user.username, "full_name": user.full_name},
        )
    return user


def move_staff(*, actor, user: User, to_agency: Agency, department: Department | None = None) -> User:
    """调动: the account moves to another agency with no roles (the new agency's administrator gives
    them); everything the person did stays with the old agency — records keep their agency, the old
    agency's audit trail keeps the events."""
    _require_platform_admin(actor)
    if not to_agency.is_active:
        raise ValidationFailed("不能调往已关闭的机关。", field="to_agency")
    if department is not None and department.agency_id != to_agency.pk:
        raise ValidationFailed("所选处室不属于调入机关。", field="department")
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.agency_id == to_agency.pk:
            raise ValidationFailed("该工作人员已在此机关。", field="to_agency")
        if user.is_superuser:
            raise ValidationFailed("平台管理员不随机关调动。", field="user")
        old = user.agency
        before = {"agency": old.name if old else None, "roles": sorted(r.value for r in user.roles)}
        _set_roles(user, ())
        user.agency, user.department = to_agency, department
        user.save(update_fields=["agency", "department"])
        after = {"agency": to_agency.name, "department": department.name if department else None}
        if old is not None:
            audit.record(
                actor=actor, verb="agency.staff_moved", obj=user, agency=old, before=before, after=after
            )
        audit.record(
            actor=actor, verb="agency.staff_arrived", obj=user, agency=to_agency, before=before, after=after
        )
    return user


# --- per-agency rules (item 7) -------------------------------------------------------------------
def _require_rules(actor, agency: Agency) -> None:
    if not (can_manage_site_settings(actor) and same_agency(actor, agency)):
        raise PermissionDenied("本机关规则由本机关系统管理员设置。")


def set_rule(*, actor, agency: Agency, key: str, value) -> AgencySetting:
    _require_rules(actor, agency)
    try:
        rule = agency_settings.rule(key)
    except KeyError:
        raise ValidationFailed("没有这个设置项。", field="key") from None
    try:
        number = rule.check(value)
    except ValueError as exc:
        raise ValidationFailed(str(exc), field="value") from None
    with transaction.atomic():
        row = AgencySetting.objects.select_for_update().filter(agency=agency, key=key).first()
        before = row.value if row else None
        if row is None:
            row = AgencySetting.objects.create(agency=agency, key=key, value=number)
        else:
            row.value = number
            row.save(update_fields=["value", "updated_at"])
        audit.record(
            actor=actor,
            verb="agency.rule_set",
            obj=agency,
            agency=agency,
            before={key: before, "platform_default": agency_settings.platform_default(key)},
            after={key: number},
        )
    return row


def reset_rule(*, actor, agency: Agency, key: str) -> None:
    _require_rules(actor, agency)
    with transaction.atomic():
        row = AgencySetting.objects.select_for_update().filter(agency=agency, key=key).first()
        if row is None:
            return
        before = row.value
        row.delete()
        audit.record(
            actor=actor,
            verb="agency.rule_reset",
            obj=agency,
            agency=agency,
            before={key: before},
            after={key: agency_settings.platform_default(key)},
        )


def update_portal_settings(*, actor, **values):
    """The city portal's footer facts (主办单位, 网站标识码, ICP备案号, 公安备案号 …): the platform
    administrator's, one row for the platform."""
    from .models import PortalSettings

    _require_platform_admin(actor)
    values = {k: (v or "").strip() for k, v in values.items() if k in PortalSettings.FIELDS}
    with transaction.atomic():
        row, _ = PortalSettings.objects.select_for_update().get_or_create(pk=1)
        before = {f: getattr(row, f) for f in PortalSettings.FIELDS}
        for name, value in values.items():
            setattr(row, name, value)
        try:
            row.full_clean(validate_constraints=False)
        except ValidationError as exc:
            field, messages = next(iter(exc.message_dict.items()))
            raise ValidationFailed("；".join(messages), field=field) from None
        row.save()
        after = {f: getattr(row, f) for f in PortalSettings.FIELDS}
        if after != before:
            audit.record(
                actor=actor, verb="agency.portal_settings_updated", obj=row, before=before, after=after
            )
    return row
