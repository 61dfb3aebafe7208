"""Every write about staff, departments and site settings: check, write, audit, in one transaction."""

import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.core import audit, secret_links
from gongkai.core.errors import NotFound, PermissionDenied, ValidationFailed
from gongkai.core.models import Agency, SiteSettings

from .guard import require
from .models import ApiToken, Department, RoleAssignment, User
from .roles import Role


def _user_snapshot(user: User) -> dict:
    return {
        "username": user.username,
        "full_name": user.full_name,
        "department": user.department.name if user.department_id else None,
        "roles": sorted(r.value for r in user.roles),
        "is_active": user.is_active,
        "email": user.email,
        "phone": user.phone,
    }


def _set_roles(user: User, roles) -> None:
    wanted = {Role(r) for r in roles}
    RoleAssignment.objects.filter(user=user).exclude(role__in=wanted).delete()
    for role in wanted - set(user.roles):
        RoleAssignment.objects.create(user=user, role=role)
    user.__dict__.pop("_roles_cache", None)


def _check_department(agency: Agency, department: Department | None) -> None:
    if department is not None and department.agency_id != agency.pk:
        raise ValidationFailed("所选处室不属于本机关。", field="department")


def _check_password(password: str, user: User | None = None) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationFailed("；".join(exc.messages), field="password")


def create_staff_user(
    *,
    actor,
    agency: Agency,
    username: str,
    password: str,
    full_name: str = "",
    department: Department | None = None,
    roles=(),
    email: str = "",
    phone: str = "",
) -> User:
    require(actor, "accounts.manage", agency)
    _check_department(agency, department)
    if User.objects.filter(username=username).exists():
        raise ValidationFailed("该用户名已被使用。", field="username")
    with transaction.atomic():
        user = User(
            username=username,
            full_name=full_name,
            agency=agency,
            department=department,
            email=email,
            phone=phone,
        )
        _check_password(password, user)
        user.set_password(password)
        user.save()
        _set_roles(user, roles)
        audit.record(actor=actor, verb="user.created", obj=user, agency=agency, after=_user_snapshot(user))
    return user


def update_staff_user(
    *,
    actor,
    user: User,
    full_name: str,
    department: Department | None,
    roles,
    is_active: bool,
    email: str = "",
    phone: str = "",
) -> User:
    require(actor, "accounts.manage", user, department_field=None)
    _check_department(user.agency, department)
    if user.pk == actor.pk and (not is_active or Role.ADMINISTRATOR not in set(map(Role, roles))):
        raise ValidationFailed("不能停用自己的账号或取消自己的管理员角色。", field="roles")
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        before = _user_snapshot(user)
        user.full_name, user.department, user.is_active = full_name, department, is_active
        user.email, user.phone = email, phone
        user.save()
        _set_roles(user, roles)
        after = _user_snapshot(user)
        if before != after:
            audit.record(actor=actor, verb="user.updated", obj=user, before=before, after=after)
    return user


def reset_password(*, actor, user: User, password: str) -> User:
    require(actor, "accounts.manage", user, department_field=None)
    _check_password(password, user)
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        audit.record(actor=actor, verb="user.password_reset", obj=user)
    return user


def change_own_password(*, actor: User, old_password: str, new_password: str) -> User:
    if not actor.check_password(old_password):
        raise ValidationFailed("原密码不正确。", field="old_password")
    _check_password(new_password, actor)
    with transaction.atomic():
        actor.set_password(new_password)
        actor.save(update_fields=["password"])
        audit.record(actor=actor, verb="user.password_changed", obj=actor)
    return actor


def save_department(
    *,
    actor,
    agency: Agency,
    name: str,
    code: str,
    duties: str = "",
    sort_order: int = 0,
    is_active: bool = True,
    department: Department | None = None,
) -> Department:
    require(actor, "departments.manage", agency)
    if department is not None and department.agency_id != agency.pk:
        raise PermissionDenied()
    clash = Department.objects.filter(agency=agency).exclude(pk=getattr(department, "pk", None))
    if clash.filter(name=name).exists():
        raise ValidationFailed("本机关已有同名处室。", field="name")
    if clash.filter(code=code).exists():
        raise ValidationFailed("本机关已有相同代码的处室。", field="code")
    with transaction.atomic():
        before = None
        if department is None:
            department = Department(agency=agency)
        else:
            before = {
                "name": department.name,
                "code": department.code,
                "duties": department.duties,
                "sort_order": department.sort_order,
                "is_active": department.is_active,
            }
        department.name, department.code, department.duties = name, code, duties
        department.sort_order, department.is_active = sort_order, is_active
        department.save()
        after = {
            "name": name,
            "code": code,
            "duties": duties,
            "sort_order": sort_order,
            "is_active": is_active,
        }
        audit.record(
            actor=actor,
            verb="department.created" if before is None else "department.updated",
            obj=department,
            before=before,
            after=after,
        )
    return department


SITE_SETTING_FIELDS = (
    "site_name",
    "host_organisation",
    "address",
    "postcode",
    "phone",
    "fax",
    "email",
    "office_hours",
    "website_code",
    "icp_number",
    "police_record_number",
    "error_report_url",
    "conac_mark_url",
    "conac_mark_image",
)


def update_site_settings(*, actor, agency: Agency, **values) -> SiteSettings:
    require(actor, "site_settings.manage", agency)
    unknown = set(values) - set(SITE_SETTING_FIELDS)
    if unknown:
        raise ValidationFailed(f"未知的设置项：{', '.join(sorted(unknown))}")
    with transaction.atomic():
        settings_obj, created = SiteSettings.objects.select_for_update().get_or_create(
            agency=agency, defaults={"site_name": agency.name, "host_organisation": agency.name}
        )
        before = {f: getattr(settings_obj, f) for f in SITE_SETTING_FIELDS}
        for field, value in values.items():
            setattr(settings_obj, field, value)
        try:
            settings_obj.full_clean()
        except ValidationError as exc:
            field, messages = next(iter(exc.message_dict.items()))
            raise ValidationFailed("；".join(messages), field=field)
        settings_obj.save()
        after = {f: getattr(settings_obj, f) for f in SITE_SETTING_FIELDS}
        audit.record(
            actor=actor,
            verb="site_settings.updated",
            obj=settings_obj,
            agency=agency,
            before=None if created else before,
            after=after,
        )
    return settings_obj


# --- API tokens (bearer tokens of the /api/v1/ staff endpoints; ADR 0033) ---------------------------
API_TOKEN_PREFIX = "gk_"


def issue_api_token(*, actor, label: str) -> tuple[ApiToken, str]:
    """A new bearer token for `actor`, returned once; only its SHA-256 is stored."""
    # Every member of staff may hold a token: what it can do is decided by the endpoint's service.
    require(actor, "office.enter", message="只有已分配角色的工作人员可以申请 API 令牌。")
    raw = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=actor, label=(label or "API").strip()[:60], key_hash=secret_links.hash_token(raw)
        )
        audit.record(
            actor=actor, verb="api_token.issued", obj=token, agency=actor.agency, after={"label": token.label}
        )
    return token, raw


def revoke_api_token(*, actor, token: ApiToken) -> ApiToken:
    """Staff revoke their own tokens (a revoked token answers 401 at once)."""
    if token.user_id != getattr(actor, "pk", None):
        raise NotFound("没有找到该令牌。")
    if token.revoked_at is not None:
        return token
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(
            actor=actor,
            verb="api_token.revoked",
            obj=token,
            agency=actor.agency,
            after={"label": token.label},
        )
    return token
