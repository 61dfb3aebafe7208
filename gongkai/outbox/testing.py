"""Real peers for the outbox's integration tests: an SMTP server (aiosmtpd) and an HTTP receiver that
verifies webhook signatures. Used by the root conftest's `smtp_server` and `webhook_receiver` fixtures."""

from __future__ import annotations

import email
import email.policy
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import signing


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpSink:
    """Collects every message a real SMTP session delivers (parsed), in order."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.rcpt_delay = 0.0  # seconds to wait in RCPT (lets a test kill a client mid-session)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.rcpt_delay:
            import asyncio

            await asyncio.sleep(self.rcpt_delay)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 Message accepted for delivery"


def start_smtp(port: int | None = None):
    from aiosmtpd.controller import Controller

    sink = SmtpSink()
    controller = Controller(sink, hostname="127.0.0.1", port=port or free_port())
    controller.start()
    return controller, sink


class WebhookReceiver:
    """A local HTTP server that accepts a POST only with a valid, fresh, never-seen signature."""

    def __init__(self, secret: str):
        self.secret = secret
        self.seen: set[str] = set()
        self.accepted: list[dict] = []
        self.refused: list[str] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                try:
                    delivery = signing.verify(
                        receiver.secret, dict(self.headers.items()), body, seen=receiver.seen
                    )
                except signing.InvalidSignature as exc:
                    receiver.refused.append(str(exc))
                    self.send_response(401)
                    self.end_headers()
                    return
                receiver.accepted.append({"delivery": delivery, "payload": json.loads(body)})
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
