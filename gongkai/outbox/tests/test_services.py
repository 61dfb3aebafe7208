from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.accounts.roles import Role
from gongkai.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.outbox import services, signing, transports
from gongkai.outbox.models import Channel, OutboxMessage, Status


def test_backoff_doubles_from_thirty_seconds_and_is_capped_at_six_hours():
    assert [services.backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert services.backoff(30) == timedelta(hours=6)


@pytest.mark.django_db
def test_one_event_never_yields_the_same_message_twice(agency):
    first = services.enqueue(
        channel=Channel.EMAIL, kind="test", dedupe_key="k1", recipient="a@example.org", agency=agency
    )
    again = services.enqueue(
        channel=Channel.EMAIL, kind="test", dedupe_key="k1", recipient="a@example.org", agency=agency
    )
    assert first is not None and again is None
    assert OutboxMessage.objects.count() == 1


@pytest.mark.django_db
def test_a_webhook_needs_an_endpoint_and_every_message_a_recipient(agency):
    with pytest.raises(ValidationFailed):
        services.enqueue(channel=Channel.WEBHOOK, kind="t", dedupe_key="w", agency=agency)
    with pytest.raises(ValidationFailed):
        services.enqueue(channel=Channel.EMAIL, kind="t", dedupe_key="e", agency=agency)


@pytest.mark.django_db
def test_failures_retry_with_backoff_then_give_up_and_every_attempt_is_recorded(
    agency, monkeypatch, settings
):
    settings.GONGKAI_OUTBOX_MAX_ATTEMPTS = 2
    message = services.enqueue(
        channel=Channel.SMS, kind="t", dedupe_key="s", recipient="13800138000", agency=agency
    )

    def refuse(m):
        raise transports.DeliveryFailed("网关不可达")

    monkeypatch.setitem(transports.TRANSPORTS, Channel.SMS, refuse)
    now = timezone.now()
    assert services.deliver_due(now) == {"sent": 0, "failed": 1}
    message.refresh_from_db()
    assert message.status == Status.RETRYING and message.last_error == "网关不可达"
    assert message.next_attempt_at >= now + timedelta(seconds=29)
    assert services.deliver_due(now) == {"sent": 0, "failed": 0}  # not due yet
    services.deliver_due(now + timedelta(minutes=1))
    message.refresh_from_db()
    assert message.status == Status.DEAD and message.attempts == 2
    assert [a.ok for a in message.delivery_attempts.all()] == [False, False]


@pytest.mark.django_db
def test_without_an_sms_gateway_a_message_is_given_up_at_once_with_the_reason(agency, settings):
    settings.GONGKAI_SMS_GATEWAY_URL = ""
    message = services.enqueue(
        channel=Channel.SMS, kind="t", dedupe_key="s2", recipient="13800138000", agency=agency
    )
    services.deliver_due()
    message.refresh_from_db()
    assert message.status == Status.DEAD and "GONGKAI_SMS_GATEWAY_URL" in message.last_error


@pytest.mark.django_db
def test_an_interrupted_delivery_is_taken_again_after_its_lease(agency, monkeypatch):
    message = services.enqueue(
        channel=Channel.SMS, kind="t", dedupe_key="s3", recipient="13800138000", agency=agency
    )
    now = timezone.now()
    claimed = services.claim_next(now, "dead-worker")  # the worker dies here, before recording
    assert claimed is not None
    assert services.claim_next(now, "other") is None  # leased
    sent = []
    monkeypatch.setitem(transports.TRANSPORTS, Channel.SMS, sent.append)
    assert services.deliver_due(now + services.LEASE + timedelta(seconds=1))["sent"] == 1
    message.refresh_from_db()
    attempts = list(message.delivery_attempts.all())
    assert message.status == Status.SENT and len(sent) == 1
    assert attempts[0].finished_at is None and attempts[1].ok


@pytest.mark.django_db
def test_retry_is_for_the_office_and_only_for_failed_messages(agency, make_user):
    office = make_user(Role.OPENNESS_OFFICE)
    drafter = make_user(Role.DRAFTER)
    message = services.enqueue(channel=Channel.SMS, kind="t", dedupe_key="s4", recipient="1", agency=agency)
    with pytest.raises(InvalidTransition):
        services.retry(actor=office, message=message)
    OutboxMessage.objects.filter(pk=message.pk).update(status=Status.DEAD)
    with pytest.raises(PermissionDenied):
        services.retry(actor=drafter, message=message)
    assert services.retry(actor=office, message=message).status == Status.PENDING


def test_webhook_signature_verifies_and_refuses_tampering_old_timestamps_and_replays():
    body = b'{"title": "\xe5\x85\xac\xe6\x8a\xa5"}'
    now = 1_800_000_000
    headers = signing.headers("s" * 20, "outbox-1", body, now=now)
    seen: set[str] = set()
    assert signing.verify("s" * 20, headers, body, seen=seen, now=now + 10) == "outbox-1"
    with pytest.raises(signing.InvalidSignature, match="replayed"):
        signing.verify("s" * 20, headers, body, seen=seen, now=now + 10)
    with pytest.raises(signing.InvalidSignature, match="does not match"):
        signing.verify("s" * 20, headers, body + b" ", seen=set(), now=now)
    with pytest.raises(signing.InvalidSignature, match="tolerance"):
        signing.verify("s" * 20, headers, body, seen=set(), now=now + signing.TOLERANCE_SECONDS + 1)
    with pytest.raises(signing.InvalidSignature):
        signing.verify("t" * 20, headers, body, seen=set(), now=now)
