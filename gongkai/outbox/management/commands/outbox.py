"""`gongkai outbox deliver [--loop]`: send what is due now (the worker does the same every tick)."""

import time

from django.core.management.base import BaseCommand

from gongkai.outbox.services import deliver_due


class Command(BaseCommand):
    help = "发送待发送的消息（电子邮件、短信、Webhook）。"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["deliver", "status"])
        parser.add_argument("--loop", action="store_true", help="不停地发送，直到被终止")
        parser.add_argument("--interval", type=float, default=1.0, help="两轮之间的秒数")

    def handle(self, *args, action, loop, interval, **options):
        from gongkai.outbox.models import OutboxMessage, Status

        if action == "status":
            for status in Status:
                self.stdout.write(f"{status.label}\t{OutboxMessage.objects.filter(status=status).count()}")
            return
        while True:
            counts = deliver_due()
            if counts["sent"] or counts["failed"]:
                self.stdout.write(f"已送达 {counts['sent']} 条，失败 {counts['failed']} 条", ending="\n")
                self.stdout.flush()
            if not loop:
                return
            time.sleep(interval)
