from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gongkai.core import edgecache


class Command(BaseCommand):
    help = (
        "打印前端 nginx 的配置：已缓存的公开页面由 nginx 直接从 GONGKAI_EDGE_CACHE_DIR 中的文件答复，"
        "其余请求转给 gunicorn（ADR 0052）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--listen", default="127.0.0.1:8080", help="nginx 监听的地址和端口")
        parser.add_argument("--upstream", action="append", default=[], help="gunicorn 节点 host:port，可重复")
        parser.add_argument("--work", required=True, help="nginx 的 pid、日志和临时文件目录")
        parser.add_argument("--workers", type=int, default=1)
        parser.add_argument("--upstream-extra", default="", help="每个 upstream server 后附加的参数")
        parser.add_argument("--foreground", action="store_true", help="daemon off")

    def handle(self, *args, listen, upstream, work, workers, upstream_extra, foreground, **options):
        base = edgecache.root()
        if base is None:
            raise CommandError("没有设置 GONGKAI_EDGE_CACHE_DIR：没有可供 nginx 读取的页面文件目录。")
        if not upstream:
            raise CommandError("至少需要一个 --upstream（gunicorn 节点的 host:port）。")
        base.mkdir(parents=True, exist_ok=True)
        self.stdout.write(
            edgecache.nginx_conf(
                base,
                listen=listen,
                upstreams=upstream,
                work=Path(work),
                workers=workers,
                daemon=not foreground,
                upstream_extra=(" " + upstream_extra) if upstream_extra else "",
            ),
            ending="",
        )
