import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.core.jobs import registered, run_due_jobs


class Command(BaseCommand):
    help = "运行后台定时任务（提醒、预警、定时开闭）。--once 运行一次后退出。"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="运行一轮全部任务后退出")

    def handle(self, *args, once=False, **options):
        stop = {"now": False}
        signal.signal(signal.SIGTERM, lambda *_: stop.update(now=True))
        names = ", ".join(j.name for j in registered()) or "（无）"
        self.stdout.write(f"后台任务进程已启动，任务：{names}")
        while not stop["now"]:
            results = run_due_jobs(timezone.now(), force=once)
            for name, result in results.items():
                if isinstance(result, Exception):
                    self.stderr.write(f"任务 {name} 失败：{result}")
            if once:
                return
            for _ in range(settings.GONGKAI_WORKER_INTERVAL):
                if stop["now"]:
                    break
                time.sleep(1)
