"""The 权责清单 spreadsheet agencies already keep: one row per 职权, a header row naming the columns.

`parse` returns the rows or every line error at once (all-or-nothing: nothing is imported while one
line is wrong). Columns are found by their header text, so extra columns and a different order do no harm.
"""

import io
from dataclasses import dataclass

from .models import PowerType

# header text → field; the first six are required in every row.
COLUMNS = (
    ("职权编码", "code", True),
    ("职权名称", "name", True),
    ("职权类型", "power_type", True),
    ("行使主体", "acting_body", True),
    ("法律依据", "basis", True),
    ("职权内容", "content", False),
    ("责任事项", "duties", False),
    ("追责情形", "accountability", False),
    ("办理流程", "process", False),
)
TYPE_BY_LABEL = {label: value for value, label in PowerType.choices} | {
    label.removeprefix("行政"): value for value, label in PowerType.choices
}
MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024


@dataclass
class ParseResult:
    rows: list[dict]
    errors: list[str]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse(data: bytes) -> ParseResult:
    from openpyxl import load_workbook

    if not data:
        return ParseResult([], ["文件是空的。"])
    if len(data) > MAX_BYTES:
        return ParseResult([], ["文件不能超过 5 MB。"])
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        lines = list(sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 10))
    except Exception:  # noqa: BLE001 — any unreadable file is one Chinese error, never a crash
        return ParseResult([], ["无法读取该文件，请上传 Excel（.xlsx）文件。"])
    header_at = next((n for n, line in enumerate(lines[:10]) if "职权名称" in [_text(c) for c in line]), None)
    if header_at is None:
        return ParseResult([], ["没有找到表头行（须含“职权编码”“职权名称”等列）。"])
    header = [_text(c) for c in lines[header_at]]
    missing = [label for label, _f, required in COLUMNS if required and label not in header]
    if missing:
        return ParseResult([], [f"表头缺少列：{'、'.join(missing)}。"])
    index = {field: header.index(label) for label, field, _r in COLUMNS if label in header}
    rows, errors, seen = [], [], {}
    body = lines[header_at + 1 :]
    if len(body) > MAX_ROWS:
        return ParseResult([], [f"一次最多导入 {MAX_ROWS} 行。"])
    for offset, line in enumerate(body):
        number = header_at + offset + 2  # the spreadsheet's own line number
        cells = {f: _text(line[i]) if i < len(line) else "" for f, i in index.items()}
        if not any(cells.values()):
            continue
        problems = [label for label, f, required in COLUMNS if required and not cells.get(f)]
        if problems:
            errors.append(f"第 {number} 行：{'、'.join(problems)}不能为空。")
            continue
        power_type = TYPE_BY_LABEL.get(cells["power_type"])
        if power_type is None:
            errors.append(f"第 {number} 行：职权类型“{cells['power_type']}”无法识别。")
            continue
        if cells["code"] in seen:
            errors.append(f"第 {number} 行：职权编码 {cells['code']} 与第 {seen[cells['code']]} 行重复。")
            continue
        if len(cells["code"]) > 40 or len(cells["name"]) > 200 or len(cells["acting_body"]) > 200:
            errors.append(f"第 {number} 行：职权编码、职权名称或行使主体过长。")
            continue
        seen[cells["code"]] = number
        rows.append({**{f: "" for _l, f, _r in COLUMNS}, **cells, "power_type": power_type})
    if not rows and not errors:
        errors.append("表格中没有职权事项。")
    return ParseResult(rows if not errors else [], errors)


def export(items) -> bytes:
    """The same layout back (the office's XLSX export; re-importable)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "权责清单"
    sheet.append([label for label, _f, _r in COLUMNS])
    for item in items:
        row = {f: getattr(item, f) for _l, f, _r in COLUMNS}
        row["power_type"] = item.get_power_type_display()
        sheet.append([row[f] for _l, f, _r in COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
