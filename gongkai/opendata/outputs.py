"""Renderings of a `Cube`: pivot table, CSV (UTF-8 with BOM), XLSX, JSON and JSON-stat 2.0.

All of them read cells through `Cube.cell`, so suppressed cells (status S) carry no value anywhere.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from itertools import product

from django.utils import timezone

from .query import MISSING, SUPPRESSED, TIME, Cube

STATUS_LABELS = {"F": "", "P": "初步", "R": "修订", SUPPRESSED: "不予公布（调查对象过少）", MISSING: "无数据"}
SUPPRESSION_NOTE = "“—”表示该单元格调查对象数少于规定数量，依照《统计法》第二十八条不予公布；“…”表示无数据。"


# --- pivot -------------------------------------------------------------------------------------------
@dataclass
class PivotTable:
    caption_fixed: list[tuple[str, str]]  # (dimension name, label) of single-valued dimensions
    row_dims: list[str]
    col_dim: str
    header: list[tuple[str, str]]  # (code, label) of columns
    row_header_names: list[str]
    rows: list[tuple[list[str], list]]  # (row labels, cells)


def pivot(cube: Cube, *, columns: str = TIME, rows: list[str] | None = None) -> PivotTable:
    """Columns = one dimension; rows = the other dimensions that have more than one value."""
    by_code = {d.code: d for d in cube.dimensions}
    if columns not in by_code:
        columns = TIME
    row_dims = [d.code for d in cube.dimensions if d.code != columns and len(d.codes) > 1]
    if rows:
        row_dims = [r for r in rows if r in row_dims] + [r for r in row_dims if r not in rows]
    fixed = [d for d in cube.dimensions if d.code != columns and d.code not in row_dims]
    col = by_code[columns]
    out_rows = []
    # A dimension with no code (a filter that matches nothing) means an empty table, not a half key.
    combos = product(*[by_code[r].codes for r in row_dims]) if all(d.codes for d in cube.dimensions) else []
    for combo in combos:
        chosen = {r: c for r, (c, _) in zip(row_dims, combo, strict=True)}
        chosen.update({d.code: d.codes[0][0] for d in fixed if d.codes})
        cells = []
        for code, _ in col.codes:
            chosen[columns] = code
            cells.append(cube.cell(tuple(chosen[d.code] for d in cube.dimensions)))
        out_rows.append(([label for _, label in combo], cells))
    return PivotTable(
        [(d.name, d.codes[0][1]) for d in fixed if d.codes],
        row_dims,
        columns,
        col.codes,
        [by_code[r].name for r in row_dims],
        out_rows,
    )


# --- flat rows (CSV, XLSX, JSON) ------------------------------------------------------------------------
def flat_header(cube: Cube) -> list[str]:
    names = []
    for d in cube.dimensions:
        names += [f"{d.name}代码", d.name]
    return [*names, "数值", "计量单位", "状态"]


def flat_rows(cube: Cube, *, text_value: bool = False):
    for key in cube.iter_keys():
        cell = cube.cell(key)
        labels = []
        for d, code in zip(cube.dimensions, key, strict=True):
            labels += [code, d.label(code)]
        indicator = cube.indicators.get(key[0])
        if cell.status == SUPPRESSED:
            value = "—"
        elif cell.value is None:
            value = "" if not text_value else "…"
        else:
            value = cell.rounded() if not text_value else cell.display()
        yield [*labels, value, indicator.unit if indicator else "", STATUS_LABELS.get(cell.status, "")]


def _footer(cube: Cube) -> list[str]:
    return [
        f"数据来源：{cube.dataset.source}",
        SUPPRESSION_NOTE,
        f"下载时间：{timezone.localtime():%Y-%m-%d %H:%M}",
    ]


def iter_csv(cube: Cube, rows_per_chunk: int = 2000):
    """The CSV in chunks of bytes: a whole dataflow is written as it is read (issue 19 item 3)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(flat_header(cube))
    for n, row in enumerate(flat_rows(cube), 1):
        writer.writerow(row)
        if n % rows_per_chunk == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    writer.writerow([])
    for line in _footer(cube):
        writer.writerow([line])
    yield buffer.getvalue().encode("utf-8")


def to_csv(cube: Cube) -> bytes:
    """UTF-8 with a BOM so that Excel opens the Chinese text correctly."""
    return b"".join(iter_csv(cube))


def to_xlsx(cube: Cube) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "数据"
    sheet.append([cube.dataset.title])
    sheet["A1"].font = Font(bold=True)
    sheet.append(flat_header(cube))
    for row in flat_rows(cube):
        sheet.append(row)
    sheet.append([])
    for line in _footer(cube):
        sheet.append([line])
    meta = workbook.create_sheet("指标说明")
    meta.append(
        [
            "指标代码",
            "指标名称",
            "计量单位",
            "指标涵义",
            "统计口径",
            "调查方法",
            "计算方法",
            "样本量",
            "数据来源",
        ]
    )
    for ind in cube.indicators.values():
        meta.append(
            [
                ind.code,
                ind.name,
                ind.unit,
                ind.meaning,
                ind.scope,
                ind.survey_method,
                ind.calculation,
                ind.sample_size,
                ind.source,
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_json(cube: Cube) -> dict:
    """Gongkai's own JSON: dimensions with their codes, and one object per cell (the chart reads this)."""
    observations = []
    codes = [d.code for d in cube.dimensions]
    for key in cube.iter_keys():
        cell = cube.cell(key)
        item = dict(zip(codes, key, strict=True))
        item["value"] = None if cell.value is None else round(float(cell.value), cell.decimals)
        item["status"] = cell.status
        observations.append(item)
    return {
        "dataset": cube.dataset.code,
        "title": cube.dataset.title,
        "source": cube.dataset.source,
        "dimensions": [
            {
                "id": d.code,
                "label": d.name,
                "role": d.role,
                "codes": [{"id": c, "label": lab} for c, lab in d.codes],
            }
            for d in cube.dimensions
        ],
        "units": {code: ind.unit for code, ind in cube.indicators.items()},
        "decimals": {code: ind.decimals for code, ind in cube.indicators.items()},
        "status_labels": {
            "F": "最终",
            "P": "初步",
            "R": "修订",
            SUPPRESSED: "不予公布（调查对象过少）",
            MISSING: "无数据",
        },
        "versions": [
            {"number": v.number, "released_at": v.release.scheduled_at if v.release else None, "note": v.note}
            for v in cube.versions
        ],
        "observations": observations,
    }


def _jsonstat_body(cube: Cube, href: str) -> dict:
    dimension = {}
    for d in cube.dimensions:
        category = {"index": {c: i for i, (c, _) in enumerate(d.codes)}, "label": dict(d.codes)}
        if d.role == "indicator":
            category["unit"] = {
                c: {"label": cube.indicators[c].unit, "decimals": cube.indicators[c].decimals}
                for c, _ in d.codes
                if c in cube.indicators
            }
        dimension[d.code] = {"label": d.name, "category": category}
    updated = max((v.release.scheduled_at for v in cube.versions if v.release), default=None)
    body = {
        "version": "2.0",
        "class": "dataset",
        "label": cube.dataset.title,
        "source": cube.dataset.source,
        "id": [d.code for d in cube.dimensions],
        "size": cube.size,
        "role": {
            "time": [TIME],
            "geo": [d.code for d in cube.dimensions if d.role == "area"],
            "metric": [d.code for d in cube.dimensions if d.role == "indicator"],
        },
        "dimension": dimension,
        "note": [SUPPRESSION_NOTE],
        "extension": {"status": {"F": "最终", "P": "初步", "R": "修订", "S": "不予公布", "M": "无数据"}},
    }
    if updated:
        body["updated"] = updated.isoformat()
    if href:
        body["href"] = href
    return body


def _jsonstat_cells(cube: Cube):
    """(value, status) in row-major order; a suppressed cell has no value (query.build_cube)."""
    for key in cube.iter_keys():
        cell = cube.cell(key)
        yield (None if cell.value is None else round(float(cell.value), cell.decimals)), cell.status


def to_jsonstat(cube: Cube, *, href: str = "") -> dict:
    """JSON-stat 2.0 dataset (https://json-stat.org/full/): values in row-major order of `id`."""
    values = []
    status = {}
    for index, (value, cell_status) in enumerate(_jsonstat_cells(cube)):
        values.append(value)
        if cell_status != "F":
            status[str(index)] = cell_status
    body = _jsonstat_body(cube, href)
    body["value"] = values
    if status:
        body["status"] = status
    return body


def iter_jsonstat(cube: Cube, *, href: str = "", values_per_chunk: int = 5000):
    """The same JSON-stat, written as a stream (issue 19 item 3): the values array chunk by chunk, then
    the status as an array of the same length (JSON-stat allows either form) — a sparse object of a
    10,000,000-cell flow could itself need a gigabyte."""
    body = _jsonstat_body(cube, href)
    head = json.dumps(body, ensure_ascii=False)
    yield (head[:-1] + ', "value": [').encode("utf-8")
    statuses = bytearray()
    chunk = []
    for index, (value, cell_status) in enumerate(_jsonstat_cells(cube)):
        chunk.append("null" if value is None else repr(value))
        statuses.append(ord(cell_status))
        if len(chunk) >= values_per_chunk:
            yield (("," if index >= len(chunk) else "") + ",".join(chunk)).encode()
            chunk = []
    if chunk:
        yield (("," if len(statuses) > len(chunk) else "") + ",".join(chunk)).encode()
    if any(b != ord("F") for b in statuses):
        yield b'], "status": ['
        for start in range(0, len(statuses), values_per_chunk):
            part = statuses[start : start + values_per_chunk]
            yield (("," if start else "") + ",".join(f'"{chr(b)}"' for b in part)).encode()
    yield b"]}"
