"""`gongkai import documents <file.jsonl|csv>`: all lines or none, with a progress bar and a report.

The `import` command itself lives in gongkai.web (it gathers the importers of several apps).
"""

from pathlib import Path

from django.core.management.base import CommandError
from tqdm import tqdm

from gongkai.accounts.guard import SYSTEM
from gongkai.catalogue import search
from gongkai.catalogue.importer import ImportFailed, import_documents, read_rows
from gongkai.catalogue.models import Source
from gongkai.core.models import Agency
from gongkai.core.selectors import public_agency
from gongkai.search import bulk

HELP = "导入政府信息（JSONL 或 CSV，任何一行有误则全部不导入；默认放入“上级文件”栏目）"


def add_arguments(documents) -> None:
    documents.add_argument("file", help="JSONL 或 CSV 文件（UTF-8）")
    documents.add_argument("--agency", help="机关代码（默认本站机关）")
    documents.add_argument(
        "--source",
        choices=Source.values,
        default=Source.HIGHER_LEVEL,
        help="higher_level：上级文件（默认）；own：本机关信息",
    )


def run(self, *, file, agency=None, source=Source.HIGHER_LEVEL, **options):
    """`self` is the calling management command (for its stdout, stderr and style)."""
    path = Path(file)
    if not path.is_file():
        raise CommandError(f"文件不存在：{path}")
    target = Agency.objects.filter(code=agency).first() if agency else public_agency()
    if target is None:
        raise CommandError("没有找到机关，请先运行 gongkai demo load 或用 --agency 指定。")
    rows = list(read_rows(path.name, path.read_bytes()))
    quiet = options.get("verbosity", 1) == 0
    # Searchable at once (issue 19 item 4): each batch of new items is sent to worker processes for
    # segmenting as soon as it is written, and the index is written once the import has committed (a
    # cancelled import indexes nothing); an item whose publication date lies ahead stays out until it
    # is public. A small import is indexed in this process.
    workers = 1 if len(rows) < bulk.WRITE_BATCH else None
    with bulk.BulkIndexer(workers=workers) as indexer:
        with tqdm(total=len(rows), desc="检查", unit="行", disable=quiet, file=self.stderr._out) as bar:
            try:
                result = import_documents(
                    actor=SYSTEM,
                    agency=target,
                    rows=rows,
                    source=source,
                    progress=bar.update,
                    created=None
                    if workers == 1
                    else lambda items: indexer.add(search.iter_imported_documents(items)),
                )
            except ImportFailed as exc:
                bar.close()
                self.stderr.write(self.style.ERROR(exc.message))
                for line, reason in exc.errors:
                    self.stderr.write(f"  第 {line} 行：{reason}")
                raise CommandError("导入已取消，数据库未作任何更改。", returncode=1) from None
        with tqdm(
            total=len(result.items), desc="索引", unit="篇", disable=quiet, file=self.stderr._out
        ) as bar:
            if workers == 1:
                indexed = bulk.index_documents(
                    search.iter_imported_documents(result.items), workers=1, progress=bar.update
                )
            else:
                indexed = indexer.write(progress=bar.update)
    self.stdout.write(
        self.style.SUCCESS(
            f"导入完成：新增 {result.created} 条，已存在跳过 {result.skipped} 条（{target.name}），"
            f"已加入站内搜索 {indexed} 条。"
        )
    )
