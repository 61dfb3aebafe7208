"""The monthly CPI/PPI file (group, indicator_code, indicator_name, month, value)."""

from __future__ import annotations

import re

from .shape import (
    NATIONAL_AREA,
    LineError,
    ParsedCell,
    ParsedDataset,
    ParsedDimension,
    ParsedIndicator,
    _read_csv,
    parse_number,
)


def parse_cpi_ppi(data: bytes, *, name: str = "") -> ParsedDataset:
    rows = _read_csv(data)
    parsed = ParsedDataset(
        code="nbs-cpi-ppi-monthly",
        title="居民消费价格指数和工业生产者出厂价格指数（全国，月度）",
        frequency="M",
        topic="prices",
        source="国家统计局月度数据，整理自开源项目 sunyangkai/economic @409d5c7。",
        source_url="https://data.stats.gov.cn/",
        description="全国居民消费价格指数（CPI，分类别，上月=100）和工业生产者出厂价格指数（PPI，上年同月=100），按月。",
        dimensions=[
            ParsedDimension("INDICATOR", "指标", "indicator"),
            ParsedDimension("AREA", "地区", "area", "CL_AREA"),
        ],
        codelists={"CL_AREA": ("行政区划（GB/T 2260）", [(*NATIONAL_AREA, "")])},
    )
    header = [h.strip() for h in rows[0]] if rows else []
    required = ["group", "indicator_code", "indicator_name", "month", "value"]
    if header[:5] != required:
        parsed.errors.append(LineError(1, "", "表头应为 " + ",".join(required)))
        return parsed
    for line_no, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        if len(row) < 5:
            parsed.errors.append(LineError(line_no, "", "列数不足"))
            continue
        group, code, ind_name, month, value_text = (c.strip() for c in row[:5])
        if not re.fullmatch(r"[A-Z0-9]{4,20}", code):
            parsed.errors.append(LineError(line_no, "indicator_code", f"“{code[:20]}”不是有效的指标代码"))
            continue
        if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month):
            parsed.errors.append(LineError(line_no, "month", f"“{month[:20]}”不是 YYYY-MM 格式的月份"))
            continue
        unit = re.search(r"\(([^()]*=100)\)", ind_name)
        parsed.indicators.setdefault(
            code,
            ParsedIndicator(
                code, ind_name, unit.group(1) if unit else "", 1, source=f"国家统计局（{group}）"
            ),
        )
        value = parse_number(value_text, line=line_no, column="value", errors=parsed.errors)
        parsed.cells.append(ParsedCell((code, NATIONAL_AREA[0]), month, value, line=line_no))
    return parsed
