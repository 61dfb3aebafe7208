"""The audit trail: `record` appends one hash-chained event (`record_many` a batch of them);
`verify_chain` checks the whole table.

Services call `record` inside their transaction, so an event exists exactly when its change does.
"""

import hashlib
import ipaddress
import json
from dataclasses import dataclass
from datetime import UTC

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from .context import current_ip
from .models import Agency, AuditEvent, AuditHead

GENESIS_HASH = "0" * 64


def _plain(value):
    """JSON-safe copy (dates, decimals, UUIDs become strings) so that stored and hashed values agree."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def canonical_content(event: AuditEvent) -> str:
    return json.dumps(
        {
            "agency": event.agency_id,
            "actor": event.actor_id,
            "actor_label": event.actor_label,
            "verb": event.verb,
            "object_type": event.object_type,
            "object_id": event.object_id,
            "object_repr": event.object_repr,
            "before": event.before,
            "after": event.after,
            "ip": event.ip,
            "created_at": event.created_at.astimezone(UTC).isoformat(timespec="microseconds"),
            "prev_hash": event.prev_hash,
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )


def compute_hash(event: AuditEvent) -> str:
    return hashlib.sha256(canonical_content(event).encode("utf-8")).hexdigest()


def _normalised_ip(value: str | None) -> str | None:
    try:
        return ipaddress.ip_address(value).compressed if value else None
    except ValueError:
        return None


def _agency_of(obj, agency):
    if agency is not None:
        return agency
    if isinstance(obj, Agency):
        return obj
    return getattr(obj, "agency", None) if obj is not None else None


def record(
    *,
    actor,
    verb: str,
    obj: models.Model | None = None,
    agency: Agency | None = None,
    before: dict | None = None,
    after: dict | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    actor_label: str = "",
) -> AuditEvent:
    """Append an event. `verb` is dotted: `document.published`, `user.roles_changed`.

    `actor_label` names an actor who is nobody's account (e.g. 未登录访客 for a failed sign-in);
    without it an event without a signed-in actor is the platform's own (系统)."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:200]
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        # The head row is the lock that keeps the chain linear under concurrent writers
        # (SELECT ... FOR UPDATE on PostgreSQL; SQLite serialises writers itself).
        head, _ = AuditHead.objects.select_for_update().get_or_create(id=1)
        event = AuditEvent(
            agency=_agency_of(obj, agency),
            actor=actor_obj,
            actor_label=(actor_obj.get_full_name() or actor_obj.get_username())
            if actor_obj
            else (actor_label or "系统"),
            verb=verb,
            object_type=object_type,
            object_id=str(object_id),
            object_repr=str(object_repr)[:200],
            before=_plain(before),
            after=_plain(after),
            ip=_normalised_ip(current_ip.get()),
            created_at=timezone.now(),
            prev_hash=head.last_hash or GENESIS_HASH,
        )
        # The id is left out of the hash: order is carried by prev_hash, and one INSERT suffices.
        event.hash = compute_hash(event)
        event.save(force_insert=True)
        head.last_event_id = event.pk
        head.last_hash = event.hash
        head.save(update_fields=["last_event_id", "last_hash"])
    return event


def record_many(
    *, actor, verb: str, entries: list[tuple[models.Model, dict | None]], agency: Agency | None = None
) -> list[AuditEvent]:
    """`record` for many objects at once (a bulk import): one event per (obj, after), chained in the
    order given and written in one batched INSERT under one hold of the head row."""
    if not entries:
        return []
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    label = (actor_obj.get_full_name() or actor_obj.get_username()) if actor_obj else "系统"
    ip = _normalised_ip(current_ip.get())
    events = []
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(id=1)
        prev = head.last_hash or GENESIS_HASH
        for obj, after in entries:
            event = AuditEvent(
                agency=_agency_of(obj, agency),
                actor=actor_obj,
                actor_label=label,
                verb=verb,
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
                object_repr=str(obj)[:200],
                before=None,
                after=_plain(after),
                ip=ip,
                created_at=timezone.now(),
                prev_hash=prev,
            )
            event.hash = prev = compute_hash(event)
            events.append(event)
        # One INSERT a batch, in list order: the ids follow the chain (verify_chain walks by id).
        AuditEvent.objects.bulk_create(events, batch_size=500)
        head.last_event_id = (
            events[-1].pk or AuditEvent.objects.order_by("-id").values_list("id", flat=True)[0]
        )
        head.last_hash = prev
        head.save(update_fields=["last_event_id", "last_hash"])
    return events


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    bad_event_id: int | None = None
    reason: str = ""


def verify_chain(progress=None) -> ChainReport:
    """Walk the chain in id order; report the first row whose link or content does not hold."""
    expected_prev = GENESIS_HASH
    checked = 0
    last = None
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        if event.prev_hash != expected_prev:
            return ChainReport(
                False, checked, event.pk, "与前一条记录的链接不符（其前有记录被删除、插入或修改）"
            )
        if compute_hash(event) != event.hash:
            return ChainReport(False, checked, event.pk, "记录内容与其哈希不符（该记录被修改）")
        expected_prev = event.hash
        checked += 1
        last = event
        if progress:
            progress()
    head = AuditHead.objects.filter(id=1).first()
    head_id, head_hash = (head.last_event_id, head.last_hash) if head else (0, "")
    if last is None:
        if head_id:
            return ChainReport(False, 0, head_id, "审计表为空，但链头记录显示曾有记录（记录被删除）")
        return ChainReport(True, 0)
    if head_id != last.pk or head_hash != last.hash:
        return ChainReport(
            False, checked, head_id or last.pk, "最新的记录与链头不符（末尾记录被删除或链头被修改）"
        )
    return ChainReport(True, checked)
