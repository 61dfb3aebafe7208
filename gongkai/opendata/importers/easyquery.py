"""A raw NBS data-query JSON (hasdata=false → missing, dotcount → decimals, quarters 2019A-D)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .shape import (
    NATIONAL_AREA,
    LineError,
    ParsedCell,
    ParsedDataset,
    ParsedDimension,
    ParsedIndicator,
    parse_number,
)

QUARTERS = {"A": "Q1", "B": "Q2", "C": "Q3", "D": "Q4"}


def easyquery_period(code: str) -> tuple[str, str]:
    """'201909' → ('2019-09', 'M'); '2019B' → ('2019-Q2', 'Q'); '2019' → ('2019', 'A')."""
    if re.fullmatch(r"\d{6}", code):
        return f"{code[:4]}-{code[4:]}", "M"
    if re.fullmatch(r"\d{4}[A-D]", code):
        return f"{code[:4]}-{QUARTERS[code[4]]}", "Q"
    if re.fullmatch(r"\d{4}", code):
        return code, "A"
    raise ValueError(code)


def parse_easyquery(data: bytes, *, name: str) -> ParsedDataset:
    stem = Path(name).stem
    code = "nbs-eq-" + re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    parsed = ParsedDataset(
        code=code[:60],
        title=f"国家统计局数据查询：{stem}",
        frequency="M",
        topic="prices",
        source="国家统计局数据查询服务的原始响应，整理自开源项目 zArche/ceco @e307ae5。",
        source_url="https://data.stats.gov.cn/",
        dimensions=[
            ParsedDimension("INDICATOR", "指标", "indicator"),
            ParsedDimension("AREA", "地区", "area", "CL_AREA"),
        ],
        codelists={"CL_AREA": ("行政区划（GB/T 2260）", [(*NATIONAL_AREA, "")])},
    )
    try:
        document = json.loads(data.decode("utf-8-sig"))
        returndata = document["returndata"]
        wdnodes = {w["wdcode"]: w for w in returndata["wdnodes"]}
        datanodes = returndata["datanodes"]
    except (ValueError, KeyError, TypeError):
        parsed.errors.append(
            LineError(1, "", "不是国家统计局数据查询的响应（缺少 returndata.wdnodes / datanodes）")
        )
        return parsed
    for node in wdnodes.get("zb", {}).get("nodes", []):
        parsed.indicators[node["code"]] = ParsedIndicator(
            node["code"],
            node.get("cname") or node["name"],
            node.get("unit", ""),
            int(node.get("dotcount") or 0),
            meaning=node.get("exp", ""),
            scope=node.get("memo", "").replace("||", "\n"),
            source="国家统计局",
        )
    title_names = [n.get("cname", "") for n in wdnodes.get("zb", {}).get("nodes", [])[:1]]
    if title_names:
        parsed.title = f"{title_names[0].split('(')[0].split('_')[0]}等（全国）"
    frequencies = set()
    for position, node in enumerate(datanodes, start=1):
        wds = {w["wdcode"]: w["valuecode"] for w in node.get("wds", [])}
        ind, time_code = wds.get("zb"), wds.get("sj")
        if ind not in parsed.indicators:
            parsed.errors.append(LineError(position, "zb", f"数据节点的指标“{ind}”未在 wdnodes 中定义"))
            continue
        try:
            period, frequency = easyquery_period(str(time_code))
        except ValueError:
            parsed.errors.append(LineError(position, "sj", f"“{time_code}”不是可识别的时间代码"))
            continue
        frequencies.add(frequency)
        cell = node.get("data", {})
        if cell.get("dotcount") is not None:
            # dotcount of the data node sets the decimals the figure is published with.
            parsed.indicators[ind].decimals = int(cell["dotcount"])
        value = None
        if cell.get("hasdata"):
            value = parse_number(
                cell.get("strdata") or cell.get("data"), line=position, column="data", errors=parsed.errors
            )
        parsed.cells.append(ParsedCell((ind, NATIONAL_AREA[0]), period, value, line=position))
    if len(frequencies) == 1:
        parsed.frequency = frequencies.pop()
        parsed.topic = "economy" if parsed.frequency == "Q" else parsed.topic
    return parsed
