"""Dispatch: the parser of each kind, and `run_import` that writes all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from gongkai.core.errors import ValidationFailed

from .census import parse_census
from .cpi_ppi import parse_cpi_ppi
from .easyquery import parse_easyquery
from .nbs_annual import iter_nbs_tree, parse_nbs_annual_csv
from .shape import ParsedDataset

PARSERS: dict[str, Callable[..., ParsedDataset]] = {
    "census": parse_census,
    "nbs_annual": parse_nbs_annual_csv,
    "cpi_ppi": parse_cpi_ppi,
    "easyquery": parse_easyquery,
}
KINDS = {
    "census": "人口普查分县表",
    "nbs_annual": "国家统计局年度数据 CSV（文件、目录或 .tgz）",
    "cpi_ppi": "月度 CPI/PPI",
    "easyquery": "国家统计局数据查询 JSON",
}


def parse_path(kind: str, path: Path) -> list[ParsedDataset]:
    if kind not in PARSERS:
        raise ValidationFailed(f"未知的导入类型“{kind}”，可选：{'、'.join(PARSERS)}。", field="kind")
    if not path.exists():
        raise ValidationFailed(f"找不到文件：{path}", field="path")
    if kind == "nbs_annual":
        return [parse_nbs_annual_csv(data, name=name) for name, data in iter_nbs_tree(path)]
    return [PARSERS[kind](path.read_bytes(), name=path.name)]


def run_import(kind: str, path, *, actor, agency=None, progress=None, release=None, note: str = ""):
    """Parse `path` as `kind` and write every dataset in one transaction (all or nothing).

    Returns a list of `services.ImportResult`. Raises ValidationFailed listing line-level errors.
    """
    from .. import services  # the writing half

    parsed = parse_path(kind, Path(path))
    return services.write_parsed(
        parsed, actor=actor, agency=agency, progress=progress, release=release, note=note
    )
