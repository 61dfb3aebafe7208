"""How a message leaves: e-mail over SMTP (Django's mail), SMS through an HTTP gateway, signed webhooks.

Each transport sends one message or raises `DeliveryFailed` with a Chinese reason; a `permanent`
failure is not retried (no gateway configured, an address the server refuses outright).
"""

import hashlib
import json
import smtplib
import urllib.error
import urllib.request

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from . import signing
from .models import Channel, OutboxMessage

HTTP_TIMEOUT = 10  # seconds for a gateway or webhook receiver to answer


class DeliveryFailed(Exception):
    def __init__(self, reason: str, *, permanent: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


def message_id(message: OutboxMessage) -> str:
    """Stable per message: a resend after an interrupted attempt carries the same id, so that the
    receiving side can recognise it (RFC 5322 Message-ID)."""
    domain = getattr(settings, "GONGKAI_MAIL_DOMAIN", "gongkai.local")
    digest = hashlib.sha1(message.dedupe_key.encode()).hexdigest()[:12]
    return f"<outbox-{message.pk}-{digest}@{domain}>"


def send_email(message: OutboxMessage) -> None:
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient],
        headers={"Message-ID": message_id(message), "X-Gongkai-Delivery": str(message.pk)},
        connection=get_connection(timeout=HTTP_TIMEOUT),
    )
    for attachment in message.attachments.all():
        email.attach(attachment.filename, bytes(attachment.content), attachment.content_type)
    try:
        email.send(fail_silently=False)
    except smtplib.SMTPRecipientsRefused as exc:
        raise DeliveryFailed(f"邮件服务器拒收该地址：{exc}", permanent=True) from None
    except (TimeoutError, smtplib.SMTPException, OSError) as exc:
        raise DeliveryFailed(f"邮件发送失败：{exc}") from None


def _post(url: str, body: bytes, headers: dict[str, str]) -> None:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT) as response:  # noqa: S310 (configured URL)
            if not 200 <= response.status < 300:
                raise DeliveryFailed(f"接收端返回 HTTP {response.status}")
    except urllib.error.HTTPError as exc:
        raise DeliveryFailed(
            f"接收端返回 HTTP {exc.code}", permanent=400 <= exc.code < 500 and exc.code != 429
        )
    except (urllib.error.URLError, OSError) as exc:
        raise DeliveryFailed(f"无法连接接收端：{exc}") from None


def send_sms(message: OutboxMessage) -> None:
    url = getattr(settings, "GONGKAI_SMS_GATEWAY_URL", "")
    if not url:
        raise DeliveryFailed("未配置短信网关（GONGKAI_SMS_GATEWAY_URL）。", permanent=True)
    body = json.dumps(
        {"to": message.recipient, "text": message.body, "id": str(message.pk)}, ensure_ascii=False
    ).encode()
    headers = {"Content-Type": "application/json; charset=utf-8"}
    token = getattr(settings, "GONGKAI_SMS_GATEWAY_TOKEN", "")
    if token:
        headers["Authorization"] = f"Bearer {token}"
    _post(url, body, headers)


def send_webhook(message: OutboxMessage) -> None:
    endpoint = message.endpoint
    if endpoint is None or not endpoint.is_active:
        raise DeliveryFailed("Webhook 接收端已停用。", permanent=True)
    body = json.dumps(message.payload, ensure_ascii=False, sort_keys=True).encode()
    _post(endpoint.url, body, signing.headers(endpoint.secret, f"outbox-{message.pk}", body))


TRANSPORTS = {Channel.EMAIL: send_email, Channel.SMS: send_sms, Channel.WEBHOOK: send_webhook}


def send(message: OutboxMessage) -> None:
    TRANSPORTS[Channel(message.channel)](message)
