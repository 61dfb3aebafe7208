"""Every write of the outbox: enqueue (inside the caller's transaction), deliver, retry, give up.

Delivery is claim → send → record, each claim and record its own short transaction: a worker takes a
due message with a lease, sends it outside any transaction, and records the outcome. A message whose
lease ran out while `sending` (its worker died) is taken again and sent with the same Message-ID /
delivery id, so that the receiver can tell a resend; a worker killed before the send began has sent
nothing, so the message then arrives exactly once.
"""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.accounts.guard import require
from gongkai.core import audit, secret_links
from gongkai.core.errors import InvalidTransition, ValidationFailed

from . import transports
from .models import Channel, DeliveryAttempt, OutboxAttachment, OutboxMessage, Status, WebhookEndpoint

LEASE = timedelta(minutes=2)  # the default of GONGKAI_OUTBOX_LEASE_SECONDS
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_MAX = timedelta(hours=6)


def max_attempts() -> int:
    return int(getattr(settings, "GONGKAI_OUTBOX_MAX_ATTEMPTS", 8))


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, 4 min … capped at 6 hours (pure)."""
    return min(BACKOFF_BASE * (2 ** max(attempts - 1, 0)), BACKOFF_MAX)


def lease() -> timedelta:
    """How long a claim holds: past it, the worker that claimed the message is presumed dead."""
    return timedelta(seconds=int(getattr(settings, "GONGKAI_OUTBOX_LEASE_SECONDS", LEASE.total_seconds())))


def _worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def enqueue(
    *,
    channel: str,
    kind: str,
    dedupe_key: str,
    recipient: str = "",
    subject: str = "",
    body: str = "",
    payload: dict | None = None,
    endpoint: WebhookEndpoint | None = None,
    agency=None,
    source=None,
    attachments: list[tuple[str, bytes, str]] | None = None,
    deliver_at: datetime | None = None,
    holds_secret: bool = False,
) -> OutboxMessage | None:
    """Add one message in the caller's transaction; the same `dedupe_key` twice adds nothing (None)."""
    channel = Channel(channel)
    if channel == Channel.WEBHOOK:
        if endpoint is None:
            raise ValidationFailed("Webhook 消息须指定接收端。", field="endpoint")
        recipient = recipient or endpoint.url
    if not recipient:
        raise ValidationFailed("消息没有接收方。", field="recipient")
    if OutboxMessage.objects.filter(dedupe_key=dedupe_key[:200]).exists():
        return None
    try:
        with transaction.atomic():  # a savepoint: a concurrent duplicate leaves the caller's work intact
            message = OutboxMessage.objects.create(
                agency=agency if agency is not None else getattr(source, "agency", None),
                channel=channel,
                kind=kind[:60],
                dedupe_key=dedupe_key[:200],
                recipient=recipient[:320],
                endpoint=endpoint,
                subject=subject[:300],
                body=body,
                payload=payload or {},
                holds_secret=holds_secret,
                source_type=source._meta.label_lower if source is not None else "",
                source_id=str(source.pk) if source is not None else "",
                next_attempt_at=deliver_at or timezone.now(),
            )
            for filename, content, content_type in attachments or []:
                OutboxAttachment.objects.create(
                    message=message, filename=filename, content=content, content_type=content_type
                )
    except IntegrityError:
        return None
    return message


def _due(now: datetime):
    return OutboxMessage.objects.filter(
        Q(status__in=[Status.PENDING, Status.RETRYING], next_attempt_at__lte=now)
        | Q(status=Status.SENDING, lease_until__lt=now)
    ).order_by("next_attempt_at", "pk")


def claim_next(now: datetime, worker: str) -> tuple[OutboxMessage, DeliveryAttempt] | None:
    with transaction.atomic():
        qs = _due(now)
        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True)
        message = qs.first()
        if message is None:
            return None
        message.status = Status.SENDING
        message.attempts += 1
        message.lease_until = now + lease()
        message.save(update_fields=["status", "attempts", "lease_until"])
        attempt = DeliveryAttempt.objects.create(
            message=message, number=message.attempts, worker=worker, started_at=now
        )
    return message, attempt


def _record(
    message: OutboxMessage, attempt: DeliveryAttempt, error: transports.DeliveryFailed | None
) -> None:
    now = timezone.now()
    with transaction.atomic():
        attempt.finished_at = now
        attempt.ok = error is None
        attempt.error = error.reason if error else ""
        attempt.save(update_fields=["finished_at", "ok", "error"])
        message.lease_until = None
        if error is None:
            message.status, message.sent_at, message.last_error = Status.SENT, now, ""
        elif error.permanent or message.attempts >= max_attempts():
            message.status, message.last_error = Status.DEAD, error.reason
        else:
            message.status, message.last_error = Status.RETRYING, error.reason
            message.next_attempt_at = now + backoff(message.attempts)
        fields = ["status", "sent_at", "last_error", "lease_until", "next_attempt_at"]
        if message.holds_secret and message.status == Status.SENT:
            # Delivered: the secret link has no more reason to stay in the database (a given-up message
            # keeps it so that the office may send it again; staff screens show it masked).
            message.body, message.holds_secret = secret_links.redact(message.body), False
            fields += ["body", "holds_secret"]
        message.save(update_fields=fields)


def deliver_due(
    now: datetime | None = None, *, limit: int = 100, worker: str | None = None
) -> dict[str, int]:
    """Send up to `limit` due messages (the worker's job; also `gongkai outbox deliver`)."""
    worker = worker or _worker_name()
    counts = {"sent": 0, "failed": 0}
    for _ in range(limit):
        claimed = claim_next(now or timezone.now(), worker)
        if claimed is None:
            break
        message, attempt = claimed
        try:
            transports.send(message)
        except transports.DeliveryFailed as exc:
            _record(message, attempt, exc)
            counts["failed"] += 1
        except Exception as exc:  # noqa: BLE001 — a bug in one transport must not stop the others
            _record(message, attempt, transports.DeliveryFailed(f"内部错误：{exc.__class__.__name__}"))
            counts["failed"] += 1
        else:
            _record(message, attempt, None)
            counts["sent"] += 1
    return counts


def retry(*, actor, message: OutboxMessage) -> OutboxMessage:
    """The office sends a given-up or waiting message again now."""
    require(actor, "outbox.manage", message, department_field=None)
    with transaction.atomic():
        locked = OutboxMessage.objects.select_for_update().get(pk=message.pk)
        if locked.status not in (Status.DEAD, Status.RETRYING):
            raise InvalidTransition("只有发送失败的消息可以重新发送。")
        locked.status, locked.next_attempt_at = Status.PENDING, timezone.now()
        locked.save(update_fields=["status", "next_attempt_at"])
        audit.record(actor=actor, verb="outbox.retried", obj=locked, after={"status": locked.status})
    return locked


def save_endpoint(*, actor, agency, name: str, url: str, secret: str, is_active: bool = True, endpoint=None):
    require(actor, "outbox.manage", endpoint or agency, department_field=None)
    name, url, secret = (name or "").strip(), (url or "").strip(), (secret or "").strip()
    if not name:
        raise ValidationFailed("请填写名称。", field="name")
    if not url.startswith(("http://", "https://")):
        raise ValidationFailed("接收地址须以 http:// 或 https:// 开头。", field="url")
    if len(secret) < 16:
        raise ValidationFailed("签名密钥至少 16 个字符。", field="secret")
    with transaction.atomic():
        if endpoint is None:
            endpoint = WebhookEndpoint.objects.create(
                agency=agency, name=name, url=url, secret=secret, is_active=is_active
            )
            verb = "outbox.endpoint_created"
        else:
            endpoint.name, endpoint.url, endpoint.secret, endpoint.is_active = name, url, secret, is_active
            endpoint.save()
            verb = "outbox.endpoint_changed"
        audit.record(
            actor=actor, verb=verb, obj=endpoint, after={"name": name, "url": url, "active": is_active}
        )
    return endpoint
