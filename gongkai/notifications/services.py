"""Every write of notifications: subscribe (double opt-in), confirm, unsubscribe, fan out a publication
to its subscribers, notify a member of staff now or in the daily digest."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.guard import require
from gongkai.core import audit, ratelimit
from gongkai.core.errors import NotFound, ValidationFailed
from gongkai.outbox.models import Channel
from gongkai.outbox.services import enqueue

from .models import DigestEntry, FanOut, StaffPreference, Subscription
from .topics import TOPICS, topic_label

SALT = "gongkai.notifications.subscription"
CONFIRM_MAX_AGE = timedelta(days=7)  # a confirmation link older than this is refused (local)
FAN_OUT_WINDOW = timedelta(days=2)  # publications older than this when first seen are not mailed
MOBILE = re.compile(r"^1[3-9]\d{9}$")
SUBSCRIBE_LIMITS = (ratelimit.Limit(5, timedelta(hours=1)),)  # per address (local)


def _site_url() -> str:
    return getattr(settings, "GONGKAI_SITE_URL", "http://127.0.0.1:8000").rstrip("/")


def token_for(subscription: Subscription, purpose: str) -> str:
    """A signed link token (nothing secret is stored): purpose is "confirm" or "unsubscribe"."""
    return signing.dumps({"s": subscription.pk, "p": purpose}, salt=SALT, compress=True)


def _subscription_from(token: str, purpose: str, *, max_age: timedelta | None = None) -> Subscription:
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise ValidationFailed("该确认链接已过期，请重新订阅。") from None
    except signing.BadSignature:
        raise NotFound("链接无效。") from None
    if data.get("p") != purpose:
        raise NotFound("链接无效。")
    subscription = Subscription.objects.filter(pk=data.get("s")).first()
    if subscription is None:
        raise NotFound("链接无效。")
    return subscription


def link(subscription: Subscription, purpose: str) -> str:
    name = "notifications:confirm" if purpose == "confirm" else "notifications:unsubscribe"
    return _site_url() + reverse(name, args=[token_for(subscription, purpose)])


def subscribe(
    *, agency, email: str, topics: list[str], ip: str = "", now: datetime | None = None
) -> list[Subscription]:
    """Record the wish and send one confirmation e-mail; nothing else is sent before it is confirmed."""
    now = now or timezone.now()
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except DjangoValidationError:
        raise ValidationFailed("请填写有效的电子邮箱。", field="email") from None
    topics = [t for t in dict.fromkeys(topics or []) if t in TOPICS]
    if not topics:
        raise ValidationFailed("请至少选择一项订阅内容。", field="topics")
    fingerprint = ratelimit.fingerprint(ip, purpose="subscribe")
    ratelimit.enforce(
        lambda since: (
            Subscription.objects.filter(ip_fingerprint=fingerprint, created_at__gte=since).count()
            if fingerprint
            else 0
        ),
        now=now,
        limits=SUBSCRIBE_LIMITS,
    )
    created = []
    with transaction.atomic():
        for topic in topics:
            subscription, _ = Subscription.objects.get_or_create(
                agency=agency,
                email=email,
                topic=topic,
                defaults={"ip_fingerprint": fingerprint, "created_at": now},
            )
            if subscription.unsubscribed_at is not None:  # subscribing again needs a new confirmation
                subscription.unsubscribed_at, subscription.confirmed_at = None, None
                subscription.save(update_fields=["unsubscribed_at", "confirmed_at"])
            created.append(subscription)
        pending = [s for s in created if s.confirmed_at is None]
        if pending:
            lines = "\n".join(f"· {topic_label(s.topic)}：{link(s, 'confirm')}" for s in pending)
            enqueue(
                channel=Channel.EMAIL,
                kind="subscription.confirm",
                dedupe_key=f"sub-confirm:{pending[0].pk}:{now.timestamp():.0f}",
                recipient=email,
                subject=f"请确认订阅：{agency.name}",
                body=(
                    f"您好：\n\n有人（希望是您）用此邮箱订阅了{agency.name}政务公开平台的以下内容。"
                    f"请点击链接确认（{CONFIRM_MAX_AGE.days} 天内有效）；如非本人操作，请忽略本邮件，您不会再收到任何邮件。\n\n{lines}\n"
                ),
                agency=agency,
            )
    return created


def confirm(token: str, *, now: datetime | None = None) -> Subscription:
    subscription = _subscription_from(token, "confirm", max_age=CONFIRM_MAX_AGE)
    if subscription.unsubscribed_at is None and subscription.confirmed_at is None:
        subscription.confirmed_at = now or timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


def unsubscribe(token: str, *, now: datetime | None = None) -> Subscription:
    subscription = _subscription_from(token, "unsubscribe")
    if subscription.unsubscribed_at is None:
        subscription.unsubscribed_at = now or timezone.now()
        subscription.save(update_fields=["unsubscribed_at"])
    return subscription


def fan_out(now: datetime | None = None) -> int:
    """Periodic job: each publication that has become public (also a scheduled one at its minute) is
    written once to the outbox for every confirmed subscriber of its topic. Returns messages written."""
    from gongkai.publishing.models import Workflow
    from gongkai.publishing.registry import adapter_for
    from gongkai.publishing.selectors import live_q

    now = now or timezone.now()
    written = 0
    done = FanOut.objects.values("workflow_id")
    due = (
        Workflow.objects.filter(live_q(now), published_at__gte=now - FAN_OUT_WINDOW)
        .exclude(pk__in=done)
        .select_related("content_type", "agency")
        .order_by("published_at", "pk")
    )
    for workflow in due[:200]:
        topic = f"{workflow.content_type.app_label}.{workflow.content_type.model}"
        with transaction.atomic():
            try:
                marker = FanOut.objects.create(workflow=workflow, at=now)
            except IntegrityError:
                continue  # another worker took it
            content = workflow.content
            url = ""
            if content is not None:
                try:
                    url = _site_url() + adapter_for(content).public_url(content)
                except Exception:  # noqa: BLE001 — an adapter without a public page still notifies
                    url = _site_url() + "/"
            subscribers = Subscription.objects.filter(
                agency=workflow.agency, topic=topic, confirmed_at__isnull=False, unsubscribed_at__isnull=True
            )
            for subscription in subscribers:
                off = link(subscription, "unsubscribe")
                enqueue(
                    channel=Channel.EMAIL,
                    kind="subscription.published",
                    dedupe_key=f"sub:{subscription.pk}:wf:{workflow.pk}",
                    recipient=subscription.email,
                    subject=f"【{topic_label(topic)}】{workflow.title}",
                    body=f"{workflow.title}\n\n{url}\n\n—\n您订阅了{workflow.agency.name}的“{topic_label(topic)}”。退订：{off}",
                    agency=workflow.agency,
                    source=workflow,
                )
                written += 1
            marker.recipients = subscribers.count()
            marker.save(update_fields=["recipients"])
    return written


# --- staff ----------------------------------------------------------------------------------------
def preference_for(user) -> StaffPreference:
    return StaffPreference.objects.filter(user=user).first() or StaffPreference(user=user)


def save_preference(*, actor, by_email: bool, by_sms: bool, mobile: str = "", daily_digest: bool = False):
    require(actor, "office.enter")
    mobile = re.sub(r"[\s-]", "", mobile or "")
    if by_sms and not MOBILE.match(mobile):
        raise ValidationFailed("选择短信通知时，请填写 11 位手机号码。", field="mobile")
    if by_email and not actor.email:
        raise ValidationFailed(
            "您的账号没有电子邮箱，请联系系统管理员添加后再选择邮件通知。", field="by_email"
        )
    with transaction.atomic():
        preference, _ = StaffPreference.objects.update_or_create(
            user=actor,
            defaults={"by_email": by_email, "by_sms": by_sms, "mobile": mobile, "daily_digest": daily_digest},
        )
        audit.record(
            actor=actor,
            verb="notifications.preference_changed",
            obj=preference,
            agency=actor.agency,
            after={"email": by_email, "sms": by_sms, "digest": daily_digest},
        )
    return preference


def notify_staff(user, *, kind: str, key: str, subject: str, body: str = "", urgent: bool = False) -> None:
    """Tell one member of staff, by their preference, in the caller's transaction (once per `key`).

    `urgent` messages (a clock about to breach) are sent at once even to those who chose the digest.
    """
    if user is None or not user.is_active:
        return
    preference = preference_for(user)
    if preference.daily_digest and not urgent:
        DigestEntry.objects.get_or_create(
            key=key[:200], defaults={"user": user, "kind": kind, "subject": subject, "body": body}
        )
        return
    if preference.by_email and user.email:
        enqueue(
            channel=Channel.EMAIL,
            kind=kind,
            dedupe_key=f"staff:{key}:email",
            recipient=user.email,
            subject=subject,
            body=body or subject,
            agency=user.agency,
        )
    if preference.by_sms and preference.mobile:
        enqueue(
            channel=Channel.SMS,
            kind=kind,
            dedupe_key=f"staff:{key}:sms",
            recipient=preference.mobile,
            body=subject[:120],
            agency=user.agency,
        )


def send_digests(now: datetime | None = None) -> int:
    """Daily: one e-mail per person with everything collected for them since the last digest."""
    now = now or timezone.now()
    sent = 0
    users = DigestEntry.objects.filter(sent_at__isnull=True).values_list("user_id", flat=True).distinct()
    from gongkai.accounts.models import User

    for user in User.objects.filter(pk__in=list(users), is_active=True):
        with transaction.atomic():
            entries = list(DigestEntry.objects.select_for_update().filter(user=user, sent_at__isnull=True))
            if not entries or not user.email:
                continue
            day = timezone.localdate(now)
            body = "\n".join(
                f"· {e.subject}" + (f"\n  {e.body}" if e.body and e.body != e.subject else "")
                for e in entries
            )
            enqueue(
                channel=Channel.EMAIL,
                kind="staff.digest",
                dedupe_key=f"digest:{user.pk}:{day.isoformat()}:{entries[0].pk}",
                recipient=user.email,
                subject=f"政务公开工作每日汇总（{day:%Y-%m-%d}，{len(entries)} 项）",
                body=body,
                agency=user.agency,
            )
            DigestEntry.objects.filter(pk__in=[e.pk for e in entries]).update(sent_at=now)
            sent += 1
    return sent
