"""`gongkai search reindex [--type T]` and `gongkai search query "词语"`.

`reindex` rebuilds the index of the chosen backend from the content apps (the database is the source
of truth), with a progress bar; `query` prints the first results, for checking from a shell.
"""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from ... import registry, services
from ...interface import backend_name, get_backend, search


class Command(BaseCommand):
    help = "站内搜索：重建索引（reindex）或查询（query）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        reindex = sub.add_parser("reindex", help="从已发布的内容重建检索索引")
        reindex.add_argument(
            "--type",
            dest="type_name",
            help="只重建这一类（" + "、".join(t.name for t in registry.types()) + "）",
        )
        reindex.add_argument(
            "--workers", type=int, default=None, help="分词进程数（默认按 CPU 核数，最多 4；1 为单进程）"
        )
        query = sub.add_parser("query", help="查询并打印前 10 条结果")
        query.add_argument("text")

    def handle(self, *args, action, **options):
        if action == "reindex":
            self._reindex(options.get("type_name"), options.get("workers"))
        else:
            self._query(options["text"])

    def _reindex(self, type_name, workers=None):
        if type_name and registry.get(type_name) is None:
            raise CommandError(
                f"未知的检索类型：{type_name}（可选：{', '.join(t.name for t in registry.types())}）"
            )
        with tqdm(desc=f"重建索引（{backend_name()}）", unit="篇", file=sys.stderr) as bar:
            n = services.reindex(type_name=type_name, progress=bar.update, workers=workers)
        self.stdout.write(f"已索引 {n} 篇，索引共 {get_backend().count()} 篇。")

    def _query(self, text):
        results = search(text)
        self.stdout.write(
            f"{results.total} 条结果（{results.took_ms:.1f} ms）{'，部分匹配' if results.partial else ''}"
        )
        for hit in results.hits[:10]:
            self.stdout.write(
                f"{hit.score:9.3f}  {registry.label(hit.type)}  {hit.document_number}  {hit.title}"
            )
