"""`gongkai import data <kind> <path>`: a thin caller of importers.run_import.

The `import` command itself lives in gongkai.web (it gathers the importers of several apps).
"""

from django.core.management.base import CommandError
from tqdm import tqdm

from gongkai.accounts.guard import SYSTEM
from gongkai.core.errors import DomainError
from gongkai.core.models import Agency
from gongkai.opendata import importers

HELP = "导入统计数据：census | nbs_annual | cpi_ppi | easyquery（全部成功才写入）"


def add_arguments(parser) -> None:
    parser.add_argument("kind", choices=sorted(importers.KINDS))
    parser.add_argument("path")
    parser.add_argument("--agency", help="机关代码（默认第一个机关）")
    parser.add_argument("--note", default="", help="版本说明")


def run(self, *, kind, path, agency=None, note="", **options):
    """`self` is the calling management command (for its stdout, stderr and style)."""
    agency_obj = Agency.objects.filter(code=agency).first() if agency else None
    if agency and agency_obj is None:
        raise CommandError(f"找不到机关 {agency}")
    with tqdm(unit="单元格", desc="写入", disable=options.get("verbosity", 1) == 0) as bar:
        try:
            results = importers.run_import(
                kind, path, actor=SYSTEM, agency=agency_obj, progress=bar.update, note=note
            )
        except DomainError as exc:
            for error in getattr(exc, "errors", [])[:50]:
                self.stderr.write(str(error))
            raise CommandError(exc.message) from None
    for result in results:
        d = result.diff
        self.stdout.write(
            f"{result.dataset.code}: 新增 {len(d.new)}，修订 {len(d.revised)}，未变 {d.unchanged}"
            + (f"（版本 {result.version.number}，尚未随发布公开）" if result.version else "（无变化）")
        )
