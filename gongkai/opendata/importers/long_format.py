"""The generic long format of the office upload, CSV or XLSX, one row per cell, read within bounds
(issue 12 item 6)."""

from __future__ import annotations

import csv
import io
import itertools
import re
import time
from collections.abc import Iterable

from gongkai.core.errors import ValidationFailed

from .shape import STATUS_WORDS, LineError, ParsedCell, ParsedDataset, parse_number

# Bounds on one office upload (issue 12 item 6), local practice: a file within 20 MB may still unpack
# to far more; these keep one upload from taking a worker's memory or minutes.
MAX_UPLOAD_ROWS = 100_000
MAX_UPLOAD_COLUMNS = 50
MAX_READ_SECONDS = 20.0


def _too_many_rows() -> ValidationFailed:
    return ValidationFailed(
        f"文件超过 {MAX_UPLOAD_ROWS:,} 行的上限，未读取。请分成几个文件上传，或由管理员用 gongkai import 导入。",
        field="file",
    )


def read_table(data: bytes, name: str, *, clock=time.monotonic) -> list[list[str]]:
    """Rows of a CSV (UTF-8, with or without BOM) or of the first sheet of an XLSX, as strings.

    Bounded: the XLSX is checked for macros and for what it unpacks to before openpyxl opens it, read
    in read-only (streaming) mode, and reading stops at MAX_UPLOAD_ROWS rows or MAX_READ_SECONDS."""
    from gongkai.confidentiality.filetypes import archive_problem

    if data[:4] == b"PK\x03\x04" or name.lower().endswith((".xlsx", ".xlsm", ".ods")):
        problem = archive_problem(data)
        if problem:
            raise ValidationFailed(f"{problem}，未读取。", field="file")
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        deadline = clock() + MAX_READ_SECONDS
        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            sheet = workbook.worksheets[0]
            rows = []
            for row in sheet.iter_rows(values_only=True, max_col=MAX_UPLOAD_COLUMNS):
                rows.append(["" if v is None else str(v) for v in row])
                if len(rows) > MAX_UPLOAD_ROWS:
                    raise _too_many_rows()
                if len(rows) % 1000 == 0 and clock() > deadline:
                    raise ValidationFailed(
                        f"读取该 XLSX 文件超过 {MAX_READ_SECONDS:.0f} 秒，已停止。请精简文件后再试。",
                        field="file",
                    )
            workbook.close()
        except ValidationFailed:
            raise
        except Exception as exc:  # openpyxl raises many kinds on a corrupt file
            raise ValidationFailed(f"无法读取该 XLSX 文件：{exc.__class__.__name__}", field="file") from None
        return rows
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationFailed("CSV 文件须为 UTF-8 编码。", field="file") from None
    rows = []
    try:
        for row in csv.reader(io.StringIO(text)):
            rows.append(row[:MAX_UPLOAD_COLUMNS])
            if len(rows) > MAX_UPLOAD_ROWS + 1:  # + the header
                raise _too_many_rows()
    except csv.Error as exc:
        raise ValidationFailed(f"CSV 文件格式有误（第 {len(rows) + 1} 行）：{exc}", field="file") from None
    return rows


def parse_long(
    rows: list[list[str]],
    *,
    dataset_code: str,
    dimension_codes: list[str],
    area_names: dict[str, str] | None = None,
    first_line: int = 2,
    lines: Iterable[int] | None = None,
) -> ParsedDataset:
    """One row per cell. `dimension_codes` is the dataset's key order (INDICATOR, AREA, others).
    `rows` is the header and the rows from line `first_line` on (a streamed file is parsed in chunks),
    or, with `lines`, the rows of those line numbers (the rows a streamed import's fast path left)."""
    parsed = ParsedDataset(code=dataset_code, title="", frequency="")
    if not rows:
        parsed.errors.append(LineError(1, "", "文件为空"))
        return parsed
    header = [h.strip().lower() for h in rows[0]]
    wanted = {"indicator": "INDICATOR", "area": "AREA"}
    columns = {}
    for dim in dimension_codes:
        name = next((k for k, v in wanted.items() if v == dim), dim.lower())
        if name not in header:
            parsed.errors.append(LineError(1, name, f"表头缺少“{name}”列"))
        else:
            columns[dim] = header.index(name)
    for name in ("period", "value"):
        if name not in header:
            parsed.errors.append(LineError(1, name, f"表头缺少“{name}”列"))
    if parsed.errors:
        return parsed
    i_period, i_value = header.index("period"), header.index("value")
    i_status = header.index("status") if "status" in header else None
    i_resp = header.index("respondents") if "respondents" in header else None
    name_columns = {
        dim: header.index(f"{next((k for k, v in wanted.items() if v == dim), dim.lower())}_name")
        for dim in dimension_codes
        if f"{next((k for k, v in wanted.items() if v == dim), dim.lower())}_name" in header
    }
    for line_no, row in zip(itertools.count(first_line) if lines is None else lines, rows[1:], strict=False):
        if not any(str(c).strip() for c in row):
            continue
        row = list(row) + [""] * (len(header) - len(row))
        key = tuple(str(row[columns[d]]).strip() for d in dimension_codes)
        if any(not part for part in key):
            parsed.errors.append(LineError(line_no, "", "维度代码不能为空"))
            continue
        for dim, i_name in name_columns.items():
            label = str(row[i_name]).strip()[:200]
            if label:
                parsed.code_names.setdefault((dim, key[dimension_codes.index(dim)]), label)
        period = str(row[i_period]).strip()
        if not re.fullmatch(r"\d{4}(-(Q[1-4]|0[1-9]|1[0-2]))?", period):
            parsed.errors.append(
                LineError(line_no, "period", f"“{period[:20]}”不是有效的时期（2024、2024-Q1、2024-07）")
            )
            continue
        value = parse_number(row[i_value], line=line_no, column="value", errors=parsed.errors)
        status = "F"
        if i_status is not None:
            status = STATUS_WORDS.get(str(row[i_status]).strip())
            if status is None:
                parsed.errors.append(LineError(line_no, "status", "状态应为 初步、修订 或 最终（P/R/F）"))
                continue
        respondents = None
        if i_resp is not None and str(row[i_resp]).strip():
            text = str(row[i_resp]).strip()
            if not text.isdigit():
                parsed.errors.append(LineError(line_no, "respondents", f"“{text[:20]}”不是非负整数"))
                continue
            respondents = int(text)
        parsed.cells.append(ParsedCell(key, period, value, status, respondents, line_no))
    return parsed
