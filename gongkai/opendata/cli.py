"""`gongkai import data <kind> <path>`: a thin caller of importers.run_import.

The `import` command itself lives in gongkai.web (it gathers the importers of several apps).
"""

from pathlib import Path

from django.core.management.base import CommandError
from tqdm import tqdm

from gongkai.accounts.guard import SYSTEM
from gongkai.core.errors import DomainError
from gongkai.core.models import Agency
from gongkai.opendata import importers

HELP = (
    "导入统计数据：census | nbs_annual | cpi_ppi | easyquery | long（long：逐行读取的长表 CSV/XLSX，"
    "写入 --dataset 指定的数据集；全部成功才写入）"
)


def add_arguments(parser) -> None:
    parser.add_argument("kind", choices=sorted([*importers.KINDS, "long"]))
    parser.add_argument("path")
    parser.add_argument("--agency", help="机关代码（默认第一个机关）")
    parser.add_argument("--note", default="", help="版本说明")
    parser.add_argument(
        "--dataset", help="long：写入的数据集代码（每行一个单元格：indicator, area, period, value…）"
    )


def run_long(self, *, path, agency_obj, dataset, note, verbosity) -> None:
    """The streaming import (bulk_import): memory bounded whatever the file's length."""
    from gongkai.opendata.bulk_import import import_long
    from gongkai.opendata.models import Dataset

    if not dataset:
        raise CommandError("long 需要 --dataset（数据集代码）")
    found = Dataset.objects.filter(code=dataset, **({"agency": agency_obj} if agency_obj else {})).first()
    if found is None:
        raise CommandError(f"找不到数据集 {dataset}")
    with tqdm(unit="行", desc="读取并写入", disable=verbosity == 0) as bar:
        try:
            result = import_long(path, dataset=found, actor=SYSTEM, note=note, progress=bar.update)
        except DomainError as exc:
            for error in getattr(exc, "errors", [])[:50]:
                self.stderr.write(str(error))
            raise CommandError(exc.message) from None
    self.stdout.write(
        f"{found.code}: 新增 {result.new}，修订 {result.revised}，未变 {result.unchanged}"
        + (f"（版本 {result.version.number}，尚未随发布公开）" if result.version else "（无变化）")
    )


def run(self, *, kind, path, agency=None, note="", **options):
    """`self` is the calling management command (for its stdout, stderr and style)."""
    agency_obj = Agency.objects.filter(code=agency).first() if agency else None
    if agency and agency_obj is None:
        raise CommandError(f"找不到机关 {agency}")
    if kind == "long":
        return run_long(
            self,
            path=Path(path),
            agency_obj=agency_obj,
            dataset=options.get("dataset"),
            note=note,
            verbosity=options.get("verbosity", 1),
        )
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
