"""XLSX through openpyxl (read-only, bounded): hidden sheets, rows and columns, comments."""

from __future__ import annotations

import io
import warnings

from ..scanner import MEDIUM, Finding, Source
from .common import (
    MAX_CELLS,
    _hidden_findings,
    _ooxml_properties,
    _open_zip,
    _unreadable,
)

# ---------------------------------------------------------------------------------------------------
# XLSX


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e20:
        return str(int(value))
    return str(value).strip()


def _xlsx(where: str, data: bytes) -> list[Source]:
    import openpyxl
    from openpyxl.utils import get_column_letter

    with _open_zip(data) as archive:
        properties = _ooxml_properties(where, archive)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    sources: list[Source] = []
    cells = 0
    for sheet in workbook.worksheets:
        hidden_sheet = sheet.sheet_state in ("hidden", "veryHidden")
        sheet_label = f"{where}{'隐藏' if hidden_sheet else ''}工作表“{sheet.title}”"
        hidden_rows = {n for n, dim in sheet.row_dimensions.items() if dim.hidden}
        hidden_columns = set()
        for key, dim in sheet.column_dimensions.items():
            if dim.hidden:
                first = dim.min or openpyxl.utils.column_index_from_string(key)
                hidden_columns.update(range(first, (dim.max or first) + 1))
        rows_with_data: set[int] = set()
        columns_with_data: set[int] = set()
        comments = 0
        for row in sheet.iter_rows():
            for cell in row:
                if cell.comment is not None and cell.comment.text:
                    comments += 1
                    author = f"（{cell.comment.author}）" if cell.comment.author else ""
                    sources.append(
                        Source(
                            f"{sheet_label} {cell.coordinate}单元格批注{author}", cell.comment.text.strip()
                        )
                    )
                if cell.value is None or _cell_text(cell.value) == "":
                    continue
                cells += 1
                if cells > MAX_CELLS:
                    sources.append(
                        _unreadable(
                            where,
                            f"表格超过 {MAX_CELLS} 个单元格，只检查了前一部分，其余请人工审查。",
                            MEDIUM,
                        )
                    )
                    return sources + properties
                rows_with_data.add(cell.row)
                columns_with_data.add(cell.column)
                notes = []
                if cell.row in hidden_rows:
                    notes.append("隐藏行")
                if cell.column in hidden_columns:
                    notes.append("隐藏列")
                note = f"（{'、'.join(notes)}）" if notes else ""
                sources.append(
                    Source(
                        f"{sheet_label} 第{cell.row}行 {get_column_letter(cell.column)}列{note}",
                        _cell_text(cell.value),
                        cell=(sheet_label, cell.row, cell.column),
                    )
                )
        findings = _hidden_findings(
            sheet_label,
            sheet.title,
            hidden_sheet and bool(rows_with_data),
            sorted(hidden_rows & rows_with_data),
            sorted(hidden_columns & columns_with_data),
        )
        if comments:
            findings.append(
                Finding(
                    "hidden_content",
                    MEDIUM,
                    f"{sheet_label}单元格批注",
                    f"共 {comments} 条批注",
                    "工作表含单元格批注，批注随文件一起发布，发布前请删除。",
                )
            )
        if findings:
            sources.append(Source(sheet_label, "", tuple(findings)))
    return sources + properties
