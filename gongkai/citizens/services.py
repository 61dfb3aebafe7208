"""Signing citizens in with a one-time code (issue 18 item 5): e-mail through the outbox, SMS through
the outbox's SMS gateway; codes hashed, valid CODE_VALID, CODE_ATTEMPTS tries; sending throttled in the
shared cache (ADR 0023: the limit holds across worker processes) per address/number and per client."""

import re
import secrets
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from gongkai.core import audit, ratelimit
from gongkai.core.errors import ValidationFailed
from gongkai.core.ratelimit import Throttled

from .models import Citizen, SignInCode

CODE_VALID = timedelta(minutes=10)  # local practice
CODE_ATTEMPTS = 5  # wrong entries before a code is void (local)
# (count, seconds) per identifier and per client address — local practice.
IDENTIFIER_LIMITS = ((3, 600), (10, 3600))
CLIENT_LIMITS = ((10, 600), (30, 3600))
MOBILE = re.compile(r"^1[3-9]\d{9}$")
Kind = SignInCode.Kind


def normalise(identifier: str) -> tuple[str, str]:
    """(kind, value) of an e-mail address or a mainland mobile number; Chinese error otherwise."""
    from django.core.exceptions import ValidationError as DjangoValidationError
    from django.core.validators import validate_email

    value = (identifier or "").strip().replace(" ", "").replace("-", "")
    if MOBILE.match(value.removeprefix("+86")):
        return Kind.MOBILE, value.removeprefix("+86")
    value = value.lower()
    try:
        validate_email(value)
    except DjangoValidationError:
        raise ValidationFailed("请填写有效的电子邮箱或 11 位手机号码。", field="identifier") from None
    return Kind.EMAIL, value


def _identifier_hash(kind: str, value: str) -> str:
    return ratelimit.fingerprint(value, purpose=f"citizen:{kind}")


def _throttle(key: str, limits) -> None:
    """Count one attempt in the shared cache; refuse when a window is full."""
    for count, seconds in limits:
        bucket = f"citizens:{key}:{seconds}"
        cache.add(bucket, 0, seconds)
        try:
            used = cache.incr(bucket)
        except ValueError:  # expired between add and incr
            cache.set(bucket, 1, seconds)
            used = 1
        if used > count:
            minutes = seconds // 60
            raise Throttled(f"获取验证码过于频繁：{minutes} 分钟内最多 {count} 次，请稍后再试。")


def send_code(*, identifier: str, ip: str = "", now: datetime | None = None) -> SignInCode:
    from gongkai.outbox.models import Channel
    from gongkai.outbox.services import enqueue

    now = now or timezone.now()
    kind, value = normalise(identifier)
    identifier_hash = _identifier_hash(kind, value)
    _throttle(f"id:{identifier_hash}", IDENTIFIER_LIMITS)
    ip_hash = ratelimit.fingerprint(ip, purpose="ip")
    if ip_hash:
        _throttle(f"ip:{ip_hash}", CLIENT_LIMITS)
    code = f"{secrets.randbelow(1_000_000):06d}"
    minutes = int(CODE_VALID.total_seconds() // 60)
    with transaction.atomic():
        row = SignInCode.objects.create(
            kind=kind,
            identifier_hash=identifier_hash,
            code_hash=ratelimit.fingerprint(code, purpose=f"citizen-code:{identifier_hash}"),
            ip_hash=ip_hash,
            created_at=now,
            expires_at=now + CODE_VALID,
        )
        text = f"您正在登录政务公开平台，验证码：{code}，{minutes} 分钟内有效，只能使用一次。如非本人操作，请忽略。"
        enqueue(
            channel=Channel.EMAIL if kind == Kind.EMAIL else Channel.SMS,
            kind="citizen.code",
            dedupe_key=f"citizen-code:{row.pk}",
            recipient=value,
            subject=f"登录验证码：{code}" if kind == Kind.EMAIL else "",
            body=text,
        )
    return row


def verify_code(
    *, identifier: str, code: str, citizen: Citizen | None = None, now: datetime | None = None
) -> Citizen:
    """The citizen whose address or number this is (created on first sign-in). With `citizen` (already
    signed in), the verified address or number is added to that account instead."""
    now = now or timezone.now()
    kind, value = normalise(identifier)
    identifier_hash = _identifier_hash(kind, value)
    code = (code or "").strip()
    if not code:
        raise ValidationFailed("请填写收到的验证码。", field="code")
    with transaction.atomic():
        row = (
            SignInCode.objects.select_for_update()
            .filter(identifier_hash=identifier_hash, used_at__isnull=True, expires_at__gt=now)
            .order_by("-created_at")
            .first()
        )
        if row is None or row.attempts >= CODE_ATTEMPTS:
            raise ValidationFailed("验证码已失效，请重新获取。", field="code")
        right = secrets.compare_digest(
            ratelimit.fingerprint(code, purpose=f"citizen-code:{identifier_hash}"), row.code_hash
        )
        if right:
            row.used_at = now
        else:
            row.attempts += 1
        row.save(update_fields=["used_at", "attempts"])
    if not right:
        left = CODE_ATTEMPTS - row.attempts
        raise ValidationFailed(
            f"验证码不正确（还可再试 {left} 次）。" if left else "验证码不正确，已失效，请重新获取。",
            field="code",
        )
    field = "email" if kind == Kind.EMAIL else "mobile"
    with transaction.atomic():
        owner = Citizen.objects.select_for_update().filter(**{field: value}).first()
        if citizen is not None and owner is None:
            citizen = Citizen.objects.select_for_update().get(pk=citizen.pk)
            setattr(citizen, field, value)
            citizen.save(update_fields=[field])
            audit.record(
                actor=None,
                verb="citizen.identifier_added",
                obj=citizen,
                object_repr=citizen.masked,
                actor_label="公众",
            )
            owner = citizen
        elif owner is None:
            owner = Citizen.objects.create(**{field: value})
        owner.last_sign_in_at = now
        owner.save(update_fields=["last_sign_in_at"])
        audit.record(
            actor=None, verb="citizen.signed_in", obj=owner, object_repr=owner.masked, actor_label="公众"
        )
    return owner
