"""A response (a citizen through the public form or the API): e-mailed codes, the voter key of the
survey's identity rule, and the submission."""

import secrets
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.accounts.guard import SYSTEM
from gongkai.core import audit, ratelimit
from gongkai.core.errors import InvalidTransition, NotFound, ValidationFailed
from gongkai.publishing import selectors as publishing_selectors

from .. import rules
from ..models import (
    Answer,
    IdentityRule,
    QuestionKind,
    Response,
    Survey,
    TextState,
    VerificationCode,
)
from .common import TEXT_MAX, AlreadyAnswered, already_answered_message


def _marks(survey: Survey, answers: dict) -> list[Answer]:
    """Validate the raw answers {question id: value} against the questions; Answer rows (unsaved)."""
    out: list[Answer] = []
    for q in survey.questions.all():
        raw = answers.get(q.pk)
        field = f"q{q.pk}"
        missing = raw in (None, "", [], {})
        if missing:
            if q.required:
                raise ValidationFailed(f"请回答第 {q.position or ''} 题：{q.text}", field=field)
            continue
        try:
            if q.kind == QuestionKind.SINGLE:
                option = int(raw)
                if not 0 <= option < len(q.option_list):
                    raise ValueError
                out.append(Answer(question=q, option=option))
            elif q.kind == QuestionKind.MULTIPLE:
                chosen = sorted({int(v) for v in raw})
                if any(not 0 <= v < len(q.option_list) for v in chosen):
                    raise ValueError
                out += [Answer(question=q, option=v) for v in chosen]
            elif q.kind == QuestionKind.SCALE:
                value = int(raw)
                if not q.scale_min <= value <= q.scale_max:
                    raise ValueError
                out.append(Answer(question=q, value=value))
            elif q.kind == QuestionKind.MATRIX:
                rows = {int(r): int(o) for r, o in dict(raw).items()}
                if any(
                    not (0 <= r < len(q.row_list) and 0 <= o < len(q.option_list)) for r, o in rows.items()
                ):
                    raise ValueError
                if q.required and len(rows) < len(q.row_list):
                    raise ValidationFailed(f"请对“{q.text}”的每一项作出选择。", field=field)
                out += [Answer(question=q, row=r, option=o) for r, o in sorted(rows.items())]
            else:
                text = str(raw).strip()
                if len(text) > TEXT_MAX:
                    raise ValidationFailed(f"“{q.text}”的回答不能超过 {TEXT_MAX} 字。", field=field)
                if text:
                    out.append(Answer(question=q, text=text, text_state=TextState.PENDING))
                elif q.required:
                    raise ValidationFailed(f"请回答：{q.text}", field=field)
        except (TypeError, ValueError, AttributeError):
            raise ValidationFailed(f"“{q.text}”的回答无效，请重新选择。", field=field) from None
    return out


CODE_VALID = timedelta(minutes=10)  # a code e-mailed for a survey is valid this long (local)
CODE_ATTEMPTS = 5  # wrong entries before a code is void (local)
CODE_LIMITS = (ratelimit.Limit(3, timedelta(minutes=10)), ratelimit.Limit(10, timedelta(hours=1)))  # local


def _email(value: str) -> str:
    from django.core.exceptions import ValidationError as DjangoValidationError
    from django.core.validators import validate_email

    value = (value or "").strip().lower()
    try:
        validate_email(value)
    except DjangoValidationError:
        raise ValidationFailed("请填写有效的电子邮箱。", field="email") from None
    return value


def _email_key(survey: Survey, email: str) -> str:
    return ratelimit.fingerprint(email, purpose=f"survey-email:{survey.pk}")


def send_code(*, survey: Survey, email: str, ip: str = "", now: datetime | None = None) -> VerificationCode:
    """E-mail a one-time code for a survey whose rule is one answer per address (through the outbox)."""
    from gongkai.outbox.models import Channel
    from gongkai.outbox.services import enqueue

    now = now or timezone.now()
    if survey.identity_rule != IdentityRule.EMAIL:
        raise InvalidTransition("本调查不需要邮件验证码。")
    if (
        not publishing_selectors.is_public(survey)
        or rules.phase(survey.opens_at, survey.closes_at, now) != rules.OPEN
    ):
        raise InvalidTransition("本次调查当前不接收答卷。")
    email = _email(email)
    key = _email_key(survey, email)
    if Response.objects.filter(survey=survey, voter_key=key).exists():
        raise AlreadyAnswered(already_answered_message(survey))
    ip_hash = ratelimit.fingerprint(ip, purpose="ip")
    ratelimit.enforce(
        lambda since: VerificationCode.objects.filter(
            survey=survey, email_hash=key, created_at__gte=since
        ).count(),
        now=now,
        limits=CODE_LIMITS,
    )
    if ip_hash:
        ratelimit.enforce(
            lambda since: VerificationCode.objects.filter(ip_hash=ip_hash, created_at__gte=since).count(),
            now=now,
            limits=CODE_LIMITS,
        )
    code = f"{secrets.randbelow(1_000_000):06d}"
    with transaction.atomic():
        row = VerificationCode.objects.create(
            survey=survey,
            email_hash=key,
            code_hash=ratelimit.fingerprint(code, purpose=f"survey-code:{survey.pk}:{key}"),
            ip_hash=ip_hash,
            created_at=now,
            expires_at=now + CODE_VALID,
        )
        enqueue(
            channel=Channel.EMAIL,
            kind="survey.code",
            dedupe_key=f"survey-code:{row.pk}",
            recipient=email,
            subject=f"调查验证码：{code}",
            body=(
                f"您正在参加“{survey.title}”。验证码：{code}\n"
                f"{int(CODE_VALID.total_seconds() // 60)} 分钟内有效，只能使用一次。如非本人操作，请忽略本邮件。\n\n{survey.agency.name}"
            ),
            agency=survey.agency,
        )
    return row


def _use_code(survey: Survey, email: str, code: str, now: datetime) -> str:
    """The voter key of a verified address; the code is spent in the caller's transaction."""
    email = _email(email)
    key = _email_key(survey, email)
    code = (code or "").strip()
    if not code:
        raise ValidationFailed("请填写邮件中的验证码。", field="code")
    with transaction.atomic():
        row = (
            VerificationCode.objects.select_for_update()
            .filter(survey=survey, email_hash=key, used_at__isnull=True, expires_at__gt=now)
            .order_by("-created_at")
            .first()
        )
        if row is None or row.attempts >= CODE_ATTEMPTS:
            raise ValidationFailed("验证码已失效，请重新获取。", field="code")
        right = ratelimit.fingerprint(code, purpose=f"survey-code:{survey.pk}:{key}") == row.code_hash
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
    return key


def voter_key(survey: Survey, *, browser_token: str, ip: str, email: str = "") -> str:
    """The keyed hash that says “the same person” under the survey's rule."""
    if survey.identity_rule == IdentityRule.EMAIL:
        return _email_key(survey, email.strip().lower()) if email else ""
    if survey.identity_rule == IdentityRule.ADDRESS:
        return ratelimit.fingerprint(ip, purpose=f"survey-ip:{survey.pk}")
    return ratelimit.fingerprint(browser_token, purpose=f"survey:{survey.pk}")


def submit_response(
    *,
    survey: Survey,
    answers: dict,
    browser_token: str = "",
    ip: str = "",
    email: str = "",
    code: str = "",
    now: datetime | None = None,
) -> Response:
    now = now or timezone.now()
    if not publishing_selectors.is_public(survey):
        raise NotFound("没有找到该调查。")
    state = rules.phase(survey.opens_at, survey.closes_at, now)
    if state != rules.OPEN:
        raise InvalidTransition(
            "本次调查尚未开始。" if state == rules.UPCOMING else "本次调查已经结束，不再接收答卷。"
        )
    by_email = survey.identity_rule == IdentityRule.EMAIL
    if by_email:
        key = _email_key(survey, _email(email))
    else:
        key = voter_key(survey, browser_token=browser_token, ip=ip)
    if not key:
        raise ValidationFailed("无法识别您的浏览器，请允许本站使用 Cookie 后重试。")
    ip_hash = ratelimit.fingerprint(ip, purpose="ip")
    refused = AlreadyAnswered(already_answered_message(survey))
    if Response.objects.filter(survey=survey, voter_key=key).exists():
        raise refused
    if (
        survey.identity_rule == IdentityRule.BROWSER_AND_ADDRESS
        and ip_hash
        and Response.objects.filter(survey=survey, ip_hash=ip_hash).exists()
    ):
        raise refused
    if ip_hash:
        ratelimit.enforce(
            lambda since: Response.objects.filter(ip_hash=ip_hash, submitted_at__gte=since).count(), now=now
        )
    marks = _marks(survey, answers)
    for mark in marks:
        if mark.text:
            spam = ratelimit.spam_reasons(mark.text)
            if spam:
                raise ValidationFailed(
                    f"回答疑似垃圾信息（{'、'.join(spam)}）。", field=f"q{mark.question.pk}"
                )
    if by_email:
        _use_code(survey, email, code, now)  # its own transaction: a wrong entry is counted, not rolled back
    try:
        with transaction.atomic():
            response = Response.objects.create(
                survey=survey, voter_key=key, ip_hash=ip_hash, submitted_at=now
            )
            for mark in marks:
                mark.response = response
            Answer.objects.bulk_create(marks)
            audit.record(
                actor=SYSTEM,
                verb="survey.response_submitted",
                obj=response,
                agency=survey.agency,
                after={"survey": survey.pk},
            )
    except IntegrityError:
        raise refused from None  # the same person twice at the same moment: the database decides
    return response
