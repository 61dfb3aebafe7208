"""Signed webhooks: HMAC-SHA256 over "<timestamp>.<body>", a delivery id, and replay protection.

The sender puts three headers on every POST; a receiver (a new-media bridge, another system, our own
tests) verifies them with `verify`: the signature must match, the timestamp must be recent and the
delivery id must not have been seen before within the tolerance window.
"""

import hashlib
import hmac
import time

SIGNATURE_HEADER = "X-Gongkai-Signature"
TIMESTAMP_HEADER = "X-Gongkai-Timestamp"
DELIVERY_HEADER = "X-Gongkai-Delivery"
TOLERANCE_SECONDS = 300  # a signed request older or newer than five minutes is refused


class InvalidSignature(Exception):
    pass


def sign(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def headers(secret: str, delivery_id: str, body: bytes, *, now: float | None = None) -> dict[str, str]:
    timestamp = int(now if now is not None else time.time())
    return {
        "Content-Type": "application/json; charset=utf-8",
        DELIVERY_HEADER: delivery_id,
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: sign(secret, timestamp, body),
    }


def verify(
    secret: str, received: dict[str, str], body: bytes, *, seen: set[str], now: float | None = None
) -> str:
    """The delivery id when the request is authentic and new; InvalidSignature otherwise.

    `received` maps header names (any case) to values; `seen` is the receiver's store of delivery ids.
    """
    lowered = {k.lower(): v for k, v in received.items()}
    try:
        timestamp = int(lowered[TIMESTAMP_HEADER.lower()])
        signature = lowered[SIGNATURE_HEADER.lower()]
        delivery = lowered[DELIVERY_HEADER.lower()]
    except (KeyError, ValueError):
        raise InvalidSignature("missing or malformed signature headers") from None
    current = now if now is not None else time.time()
    if abs(current - timestamp) > TOLERANCE_SECONDS:
        raise InvalidSignature("timestamp outside the tolerance window")
    if not hmac.compare_digest(sign(secret, timestamp, body), signature):
        raise InvalidSignature("signature does not match")
    if delivery in seen:
        raise InvalidSignature("replayed delivery")
    seen.add(delivery)
    return delivery
