"""Every write of public messages: submission (throttled), routing by the openness office, replies,
rejection, publication moderation, satisfaction rating, and the SLA job (warnings and escalation).

Reply SLA: GONGKAI_MESSAGE_REPLY_DAYS working days (local default 5, REQUIREMENTS C8), counted from
the day after receipt (民法典 Art. 201); a warning GONGKAI_MESSAGE_WARN_DAYS working days before.
"""

import hmac
import unicodedata
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.guard import fetch_for, require
from gongkai.core import agency_settings, audit, ratelimit, secret_links
from gongkai.core.errors import Conflict, NotFound, ValidationFailed
from gongkai.workdays.selectors import due_dates, legal_date

from . import notify, search
from .masking import mask_personal_data
from .models import Category, LinkRecoveryAttempt, Message, MessageEvent, Moderation, Rating
from .states import OPEN_STATES, Action, State, next_state

DEFAULT_REPLY_DAYS = 5  # local (REQUIREMENTS C8)
DEFAULT_WARN_DAYS = 1  # local: warn one working day before the reply is due
SUBJECT_MAX, BODY_MIN, BODY_MAX = 100, 10, 5000
# Recovering a lost tracking link (local practice, no law): few tries per address and per 留言编号, so
# that nobody can guess a contact for someone else's number.
RECOVERY_LIMITS = (ratelimit.Limit(5, timedelta(hours=1)), ratelimit.Limit(20, timedelta(days=1)))
RECOVERY_PER_NUMBER = (ratelimit.Limit(5, timedelta(days=1)),)
RECOVERY_REFUSED = (
    "留言编号与留言时填写的联系方式不一致，或该留言没有填写联系方式。请核对后重试，或致电我们查询。"
)


def reply_days(agency=None) -> int:
    from gongkai.core import agency_settings  # per agency (issue 18 item 7)

    return agency_settings.value("message_reply_days", agency)


def warn_days(agency=None) -> int:
    from gongkai.core import agency_settings

    return agency_settings.value("message_warn_days", agency)


def token_matches(message: Message, token: str) -> bool:
    return secret_links.matches(message.token_hash, token)


def _event(message, verb, *, actor=None, from_state="", to_state="", note="", at=None) -> None:
    MessageEvent.objects.create(
        message=message,
        verb=verb,
        actor=actor,
        from_state=from_state,
        to_state=to_state,
        note=note,
        at=at or timezone.now(),
    )


def _lock(actor, message: Message) -> Message:
    return fetch_for(actor, Message, message.pk, lock=True, not_found="没有找到该留言。")


def submit_message(
    *,
    agency,
    category: str,
    subject: str,
    body: str,
    name: str = "",
    contact: str = "",
    wants_publication: bool = False,
    ip: str = "",
    now: datetime | None = None,
) -> tuple[Message, str]:
    """A message from the public; returns it and the secret token of the writer's tracking link."""
    now = now or timezone.now()
    if category not in Category.values:
        raise ValidationFailed("请选择留言类别。", field="category")
    subject = (subject or "").strip()
    body = (body or "").strip()
    if not subject:
        raise ValidationFailed("请填写标题。", field="subject")
    if len(subject) > SUBJECT_MAX:
        raise ValidationFailed(f"标题不能超过 {SUBJECT_MAX} 字。", field="subject")
    if len(body) < BODY_MIN:
        raise ValidationFailed(f"留言内容至少 {BODY_MIN} 个字。", field="body")
    if len(body) > BODY_MAX:
        raise ValidationFailed(f"留言内容不能超过 {BODY_MAX} 字。", field="body")
    spam = ratelimit.spam_reasons(subject + "\n" + body)
    if spam:
        raise ValidationFailed(f"留言内容疑似垃圾信息（{'、'.join(spam)}），请修改后再提交。", field="body")
    ip_hash = ratelimit.fingerprint(ip, purpose="ip")
    contact_hash = ratelimit.fingerprint(contact, purpose="contact")
    if ip_hash:
        ratelimit.enforce_rows(Message.objects.filter(ip_hash=ip_hash), time_field="received_at", now=now)
    if contact_hash:
        ratelimit.enforce_rows(
            Message.objects.filter(contact_hash=contact_hash), time_field="received_at", now=now
        )
    if ip_hash and Message.objects.filter(ip_hash=ip_hash, body=body, state__in=OPEN_STATES).exists():
        raise Conflict("您已经提交过相同的留言，正在办理中，无需重复提交。")
    received_on = legal_date(now)
    # Everything read before the transaction: SQLite's write lock (BEGIN IMMEDIATE) is held only for
    # the inserts (issue 19 item 6).
    days = agency_settings.values(("message_reply_days", "message_warn_days"), agency)
    due, warn = due_dates(
        received_on,
        days["message_reply_days"],
        max(0, days["message_reply_days"] - days["message_warn_days"]),
    )
    token = secret_links.new_token()
    token_hash = secret_links.hash_token(token)
    with transaction.atomic():
        message = Message.objects.create(
            agency=agency,
            category=category,
            subject=subject,
            body=body,
            name=(name or "").strip()[:60],
            contact=(contact or "").strip()[:100],
            wants_publication=bool(wants_publication),
            received_at=now,
            due_on=due.due,
            warn_on=warn.due,
            ip_hash=ip_hash,
            contact_hash=contact_hash,
            token_hash=token_hash,
        )
        message.number = f"LY{received_on:%Y%m%d}{message.pk:04d}"
        Message.objects.filter(pk=message.pk).update(number=message.number)
        _event(message, "received", to_state=State.RECEIVED, at=now)
        audit.record(
            actor=None,
            verb="message.received",
            obj=message,
            agency=agency,
            after={"number": message.number, "category": category},
        )
    return message, token


def _contact_key(value: str) -> str:
    """The contact as compared: no spaces or hyphens, lower case, full-width digits and letters as
    ASCII (a mobile number typed as ＂138 0000 0000＂ is the same number)."""
    value = unicodedata.normalize("NFKC", value or "")
    return "".join(ch for ch in value if ch not in " -\t").lower()


def recover_tracking_link(
    *, agency, number: str, contact: str, ip: str = "", now: datetime | None = None
) -> tuple[Message, str]:
    """A new tracking link for the writer who gives the 留言编号 and the e-mail or mobile number they
    left. The old link stops working (only a hash of it was kept). Whether the number exists or the
    contact was wrong, the refusal is the same, and every attempt counts towards the rate limit."""
    now = now or timezone.now()
    number = (number or "").strip().upper()[:40]
    if not number:
        raise ValidationFailed("请填写留言编号。", field="number")
    if not (contact or "").strip():
        raise ValidationFailed("请填写留言时留下的联系电话或电子邮箱。", field="contact")
    ip_hash = ratelimit.fingerprint(ip, purpose="ip")
    attempts = LinkRecoveryAttempt.objects.filter(agency=agency)
    if ip_hash:
        ratelimit.enforce(
            lambda since: attempts.filter(ip_hash=ip_hash, at__gte=since).count(),
            now=now,
            limits=RECOVERY_LIMITS,
        )
    ratelimit.enforce(
        lambda since: attempts.filter(number=number, at__gte=since).count(),
        now=now,
        limits=RECOVERY_PER_NUMBER,
    )
    attempt = LinkRecoveryAttempt.objects.create(agency=agency, ip_hash=ip_hash, number=number, at=now)
    message = Message.objects.filter(agency=agency, number=number).first()
    given = _contact_key(contact)
    if (
        message is None
        or not message.contact
        or not hmac.compare_digest(_contact_key(message.contact), given)
    ):
        raise NotFound(RECOVERY_REFUSED)
    token = secret_links.new_token()
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=message.pk)
        message.token_hash = secret_links.hash_token(token)
        message.save(update_fields=["token_hash"])
        LinkRecoveryAttempt.objects.filter(pk=attempt.pk).update(succeeded=True)
        _event(message, "link_reissued", at=now, note="凭留言编号和联系方式重新取得查询链接，原链接失效。")
        audit.record(
            actor=None,
            verb="message.link_reissued",
            obj=message,
            agency=agency,
            after={"number": message.number},
        )
    return message, token


def _transition(actor, message: Message, action: Action, *, note: str = "", at=None, **changes) -> Message:
    from_state = message.state
    message.state = next_state(message.state, action)
    for name, value in changes.items():
        setattr(message, name, value)
    message.save()
    _event(
        message, action.value, actor=actor, from_state=from_state, to_state=message.state, note=note, at=at
    )
    audit.record(
        actor=actor,
        verb=f"message.{action.value}",
        obj=message,
        agency=message.agency,
        before={"state": from_state},
        after={"state": message.state, "note": note, "department": message.department_id},
    )
    search.sync_message(message)  # answered + approved + agreed: public and searchable (after commit)
    return message


def assign(*, actor, message: Message, department) -> Message:
    """分办 (or 改派) to a department: the openness office routes."""
    require(actor, "messages.route")
    if department is None or department.agency_id != actor.agency_id:
        raise ValidationFailed("请选择本机关的承办处室。", field="department")
    with transaction.atomic():
        locked = _lock(actor, message)
        _transition(actor, locked, Action.ASSIGN, note=department.name, department=department)
        notify.notify_department(locked)
    message.refresh_from_db()
    return locked


def reply(*, actor, message: Message, text: str, now: datetime | None = None) -> Message:
    """答复: the department it was routed to (or the openness office)."""
    require(actor, "messages.reply")
    text = (text or "").strip()
    if len(text) < 5:
        raise ValidationFailed("请填写答复内容。", field="reply")
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(actor, message)
        _transition(
            actor, locked, Action.REPLY, at=now, reply=text[:BODY_MAX], replied_at=now, replied_by=actor
        )
        notify.notify_writer(locked, step="已答复", text=locked.reply)
    message.refresh_from_db()
    return locked


def reject(*, actor, message: Message, reason: str) -> Message:
    """不予受理 (e.g. 重复、辱骂、与本机关职责无关), with the reason the writer sees."""
    require(actor, "messages.route")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed("请填写不予受理的理由。", field="reason")
    with transaction.atomic():
        locked = _lock(actor, message)
        _transition(actor, locked, Action.REJECT, note=reason, rejection_reason=reason[:300])
        notify.notify_writer(locked, step="不予受理", text=f"理由：{reason}")
    message.refresh_from_db()
    return locked


def moderate(
    *, actor, message: Message, approve: bool, public_body: str | None = None, mask: bool = False
) -> Message:
    """Decide whether the message may be published (only if the writer agreed); personal data masked."""
    require(actor, "messages.moderate")
    with transaction.atomic():
        locked = _lock(actor, message)
        if approve and not locked.wants_publication:
            raise ValidationFailed("留言人未同意公开，不能公开。")
        before = {"moderation": locked.moderation, "public_body": locked.public_body}
        locked.moderation = Moderation.APPROVED if approve else Moderation.HIDDEN
        if public_body is not None:
            locked.public_body = public_body.strip()
        elif mask:
            masked = mask_personal_data(locked.body)
            locked.public_body = masked if masked != locked.body else ""
        locked.save(update_fields=["moderation", "public_body"])
        _event(locked, "moderated", actor=actor, note=locked.get_moderation_display())
        audit.record(
            actor=actor,
            verb="message.moderated",
            obj=locked,
            agency=locked.agency,
            before=before,
            after={"moderation": locked.moderation, "public_body": locked.public_body},
        )
        search.sync_message(locked)  # hidden or masked: the index follows (after commit)
    message.refresh_from_db()
    return locked


def rate(*, message: Message, token: str, rating: str, note: str = "") -> Message:
    """The writer rates the reply once, through their secret link."""
    if not token_matches(message, token):
        raise NotFound("没有找到该留言。")
    if rating not in Rating.values:
        raise ValidationFailed("请选择满意度。", field="rating")
    with transaction.atomic():
        locked = Message.objects.select_for_update().get(pk=message.pk)
        if locked.state != State.REPLIED:
            raise Conflict("留言答复后才能评价。")
        if locked.rating:
            raise Conflict("您已经评价过了。")
        locked.rating, locked.rating_note, locked.rated_at = (
            rating,
            (note or "").strip()[:300],
            timezone.now(),
        )
        locked.save(update_fields=["rating", "rating_note", "rated_at"])
        _event(locked, "rated", note=locked.get_rating_display())
        audit.record(
            actor=None, verb="message.rated", obj=locked, agency=locked.agency, after={"rating": rating}
        )
    message.refresh_from_db()
    return locked


def check_deadlines(now: datetime) -> dict:
    """Periodic job: warn on warn_on, escalate the day after due_on. Idempotent (one event each)."""
    today = legal_date(now)
    warned = escalated = 0
    for message in Message.objects.filter(state__in=OPEN_STATES, warned_at__isnull=True, warn_on__lte=today):
        with transaction.atomic():
            Message.objects.filter(pk=message.pk).update(warned_at=now)
            _event(message, "warned", note=f"答复期限 {message.due_on:%Y-%m-%d}", at=now)
            notify.notify_deadline(message, escalated=False)
            warned += 1
    for message in Message.objects.filter(state__in=OPEN_STATES, escalated_at__isnull=True, due_on__lt=today):
        with transaction.atomic():
            Message.objects.filter(pk=message.pk).update(escalated_at=now)
            _event(
                message,
                "escalated",
                note=f"已超过答复期限 {message.due_on:%Y-%m-%d}，提交政务公开办督办",
                at=now,
            )
            audit.record(
                actor=None,
                verb="message.escalated",
                obj=message,
                agency=message.agency,
                after={"due_on": message.due_on},
            )
            notify.notify_deadline(message, escalated=True)
            escalated += 1
    return {"warned": warned, "escalated": escalated}
