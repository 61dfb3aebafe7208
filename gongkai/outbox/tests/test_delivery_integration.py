"""The outbox against real peers: an SMTP server (aiosmtpd), an HTTP receiver, and a worker process that
is killed with SIGKILL in the middle of an SMTP session and started again."""

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

from gongkai.outbox import services
from gongkai.outbox.models import Channel, OutboxMessage, Status, WebhookEndpoint

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_a_signed_webhook_reaches_a_real_receiver_once_and_a_replay_is_refused(agency, webhook_receiver):
    endpoint = WebhookEndpoint.objects.create(
        agency=agency, name="新媒体桥", url=webhook_receiver.url, secret=webhook_receiver.secret
    )
    services.enqueue(
        channel=Channel.WEBHOOK,
        kind="newmedia.post",
        dedupe_key="post-1",
        endpoint=endpoint,
        payload={"title": "2026年统计公报发布", "link": "https://example.org/a"},
        agency=agency,
    )
    assert services.deliver_due() == {"sent": 1, "failed": 0}
    assert [a["payload"]["title"] for a in webhook_receiver.accepted] == ["2026年统计公报发布"]
    # The same signed request sent again (a replay) is refused by the receiver's check.
    from gongkai.outbox import signing

    body = b'{"link": "https://example.org/a", "title": "x"}'
    headers = signing.headers("wrong-secret-000000", "outbox-x", body)
    with pytest.raises(signing.InvalidSignature):
        signing.verify(webhook_receiver.secret, headers, body, seen=webhook_receiver.seen)


@pytest.mark.django_db
def test_a_receiver_that_refuses_the_signature_makes_the_message_fail_permanently(agency, webhook_receiver):
    endpoint = WebhookEndpoint.objects.create(
        agency=agency, name="错误密钥", url=webhook_receiver.url, secret="x" * 20
    )
    message = services.enqueue(
        channel=Channel.WEBHOOK,
        kind="t",
        dedupe_key="bad",
        endpoint=endpoint,
        payload={"a": 1},
        agency=agency,
    )
    services.deliver_due()
    message.refresh_from_db()
    assert message.status == Status.DEAD and "401" in message.last_error
    assert webhook_receiver.refused == ["signature does not match"]


def _database_url_for_subprocess(tmp_path) -> str:
    """The test database, reachable from another process: PostgreSQL's test database as it is; SQLite's
    in-memory test database copied to a file (the sqlite3 backup API)."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        user = settings.get("USER") or "postgres"
        return f"postgres://{user}@{settings.get('HOST') or '127.0.0.1'}:{settings.get('PORT') or 5432}/{settings['NAME']}"
    path = tmp_path / "outbox.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    return f"sqlite:///{path}"


def _statuses(url: str) -> list[tuple[int, str, int]]:
    if url.startswith("sqlite:///"):
        con = sqlite3.connect(url.removeprefix("sqlite:///"))
        rows = con.execute("SELECT id, status, attempts FROM outbox_outboxmessage ORDER BY id").fetchall()
        con.close()
        return rows
    return list(OutboxMessage.objects.order_by("pk").values_list("pk", "status", "attempts"))


@pytest.mark.django_db(transaction=True)
def test_killing_the_worker_mid_delivery_and_restarting_it_delivers_each_message_exactly_once(
    agency, smtp_server, tmp_path
):
    for n in range(5):
        services.enqueue(
            channel=Channel.EMAIL,
            kind="test",
            dedupe_key=f"kill-{n}",
            recipient=f"person{n}@example.org",
            subject=f"第 {n} 封",
            body="正文",
            agency=agency,
        )
    url = _database_url_for_subprocess(tmp_path)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "GONGKAI_SMTP_HOST": "127.0.0.1",
        "GONGKAI_SMTP_PORT": str(smtp_server.port),
        "GONGKAI_OUTBOX_LEASE_SECONDS": "2",
        "GONGKAI_VAR_DIR": str(tmp_path),
    }
    command = [
        sys.executable,
        "-c",
        "from gongkai.cli import main; main()",
        "outbox",
        "deliver",
        "--loop",
        "--interval",
        "0.2",
    ]

    # The third message's SMTP session stalls at RCPT: the worker is killed there, mid-delivery.
    in_third = threading.Event()
    original = smtp_server.handle_RCPT
    calls = {"n": 0}

    async def stall_third(server, session, envelope, address, options):
        calls["n"] += 1
        if calls["n"] == 3:
            in_third.set()
            import asyncio

            await asyncio.sleep(30)
        return await original(server, session, envelope, address, options)

    smtp_server.handle_RCPT = stall_third
    first = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert in_third.wait(90), (
            first.stderr.read1().decode() if first.poll() is not None else "worker stalled"
        )
        assert len(smtp_server.messages) == 2
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    smtp_server.handle_RCPT = original
    rows = _statuses(url)
    assert [status for _, status, _ in rows] == ["sent", "sent", "sending", "pending", "pending"]

    second = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and len(smtp_server.messages) < 5:
            time.sleep(0.2)
        time.sleep(1)  # a duplicate, if any, would arrive now
    finally:
        second.kill()
        second.wait(10)
    subjects = sorted(str(m["Subject"]) for m in smtp_server.messages)
    assert subjects == sorted(f"第 {n} 封" for n in range(5))
    assert len({m["Message-ID"] for m in smtp_server.messages}) == 5
    rows = _statuses(url)
    assert [status for _, status, _ in rows] == ["sent"] * 5
    assert [attempts for _, _, attempts in rows] == [1, 1, 2, 1, 1]
