"""The NBS annual indicator tree: one CSV, a folder of CSVs or the .tgz → one dataset per CSV."""

from __future__ import annotations

import re
import tarfile
from collections.abc import Iterable
from pathlib import Path

from .shape import (
    NATIONAL_AREA,
    LineError,
    ParsedCell,
    ParsedDataset,
    ParsedDimension,
    ParsedIndicator,
    _decimals_of,
    _read_csv,
    _short_code,
    parse_number,
)

NBS_ANNUAL_SOURCE = "国家统计局年度数据（1978—2014年），整理自开源项目 yiyuezhuo/National-Data @60fd721。"
KNOWN_ANNUAL = {
    "国内生产总值": ("nbs-gdp", "国内生产总值（全国，1978—2014年）", "economy", "亿元", 1),
    "三次产业构成": ("nbs-gdp-structure", "三次产业构成（全国，1978—2014年）", "economy", "%", 1),
    "总人口": ("nbs-population", "总人口（全国，1978—2014年）", "population", "万人", 0),
    "各种价格指数": ("nbs-price-indices", "各种价格指数（全国，1978—2014年）", "prices", "上年=100", 1),
    "食品类居民消费价格指数(上年=100)": (
        "nbs-food-cpi",
        "食品类居民消费价格指数（全国，1978—2014年）",
        "prices",
        "上年=100",
        1,
    ),
}
SPECIAL_UNITS = {"人均国内生产总值": "元"}


def parse_nbs_annual_csv(data: bytes, *, name: str) -> ParsedDataset:
    stem = Path(name).stem
    code, title, topic, unit, decimals = KNOWN_ANNUAL.get(
        stem, (_short_code("nbs-", name).lower(), f"{stem}（全国）", "other", "", None)
    )
    rows = _read_csv(data)
    parsed = ParsedDataset(
        code=code,
        title=title,
        frequency="A",
        topic=topic,
        source=NBS_ANNUAL_SOURCE,
        description=f"国家统计局年度数据“{stem}”，全国，按年度。",
        source_url="https://data.stats.gov.cn/",
        dimensions=[
            ParsedDimension("INDICATOR", "指标", "indicator"),
            ParsedDimension("AREA", "地区", "area", "CL_AREA"),
        ],
        codelists={"CL_AREA": ("行政区划（GB/T 2260）", [(*NATIONAL_AREA, "")])},
    )
    if not rows or len(rows[0]) < 2:
        parsed.errors.append(LineError(1, "", "表头至少应有年份列和一个指标列"))
        return parsed
    names = [h.strip() for h in rows[0][1:]]
    for i, ind_name in enumerate(names, start=1):
        column_values = [r[i] for r in rows[1:] if len(r) > i]
        ind_unit = SPECIAL_UNITS.get(ind_name, unit or ("上年=100" if "上年=100" in ind_name else ""))
        parsed.indicators[ind_name] = ParsedIndicator(
            _short_code("NBS", f"{stem}/{ind_name}"),
            ind_name,
            ind_unit,
            decimals if decimals is not None else _decimals_of(column_values),
            source="国家统计局",
        )
    for line_no, row in enumerate(rows[1:], start=2):
        if not row or not row[0].strip():
            continue
        match = re.fullmatch(r"(\d{4})年?", row[0].strip())
        if not match:
            parsed.errors.append(LineError(line_no, "年份", f"“{row[0][:20]}”不是年份"))
            continue
        for i, ind_name in enumerate(names, start=1):
            value = parse_number(
                row[i] if i < len(row) else "", line=line_no, column=ind_name, errors=parsed.errors
            )
            parsed.cells.append(
                ParsedCell(
                    (parsed.indicators[ind_name].code, NATIONAL_AREA[0]), match.group(1), value, line=line_no
                )
            )
    parsed.indicators = {i.code: i for i in parsed.indicators.values()}
    return parsed


def iter_nbs_tree(path: Path) -> Iterable[tuple[str, bytes]]:
    """(name, bytes) of every CSV in a file, a folder or the .tgz of the tree, in a stable order."""
    if path.is_dir():
        for csv_path in sorted(path.rglob("*.csv")):
            yield str(csv_path.relative_to(path)), csv_path.read_bytes()
    elif path.name.endswith((".tgz", ".tar.gz")):
        with tarfile.open(path, "r:gz") as archive:
            for member in sorted(archive.getmembers(), key=lambda m: m.name):
                if member.isfile() and member.name.endswith(".csv"):
                    handle = archive.extractfile(member)
                    if handle is not None:
                        yield member.name, handle.read()
    else:
        yield path.name, path.read_bytes()
