import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from gongkai.core.audit import verify_chain
from gongkai.core.models import AuditEvent


class Command(BaseCommand):
    help = "审计日志工具。verify：校验哈希链，完整时退出码为 0，否则指出第一条有问题的记录。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="校验审计日志哈希链")
        verify.add_argument("--quiet", action="store_true", help="不显示进度条")

    def handle(self, *args, action, quiet=False, **options):
        total = AuditEvent.objects.count()
        bar = tqdm(total=total, desc="校验审计日志", unit="条", disable=quiet or not sys.stderr.isatty())
        report = verify_chain(progress=lambda: bar.update(1))
        bar.close()
        if report.ok:
            self.stdout.write(self.style.SUCCESS(f"审计日志完整：已校验 {report.checked} 条记录。"))
            return
        self.stderr.write(
            self.style.ERROR(
                f"审计日志被篡改：第一条有问题的记录 #{report.bad_event_id}：{report.reason}"
                f"（此前 {report.checked} 条完好）。"
            )
        )
        sys.exit(1)
