"""ODT and ODS (OpenDocument), read as XML: annotations, tracked changes, hidden tables, rows and columns."""

from __future__ import annotations

from ..scanner import MEDIUM, Finding, Source
from .common import (
    ODF_PROPERTIES,
    Unreadable,
    _hidden_findings,
    _local,
    _open_zip,
    _properties_source,
    _xml,
)

# ---------------------------------------------------------------------------------------------------
# ODF (ODT, ODS)

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
MAX_REPEAT = 1000


def _odf_text(element, annotations: list | None = None) -> str:
    """Visible text of an ODF element; annotations go to `annotations`, tracked changes are skipped."""
    parts: list[str] = []

    def walk(node):
        tag = node.tag
        if tag == f"{OFFICE}annotation" and node is not element:
            if annotations is not None:
                annotations.append(node)
            return
        if tag == f"{TEXT}tracked-changes":
            return
        if tag == f"{TEXT}s":
            parts.append(" " * min(int(node.get(f"{TEXT}c", "1") or 1), 100))
        elif tag in (f"{TEXT}tab", f"{TEXT}line-break"):
            parts.append(" ")
        if node.text and tag not in (f"{TEXT}s", f"{TEXT}tab", f"{TEXT}line-break"):
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in (f"{TEXT}p", f"{TEXT}h"):
            parts.append("\n")

    walk(element)
    return "".join(parts).strip()


def _odf(where: str, data: bytes) -> list[Source]:
    sources: list[Source] = []
    with _open_zip(data) as archive:
        content = _xml(archive, "content.xml")
        meta = _xml(archive, "meta.xml") if "meta.xml" in archive.namelist() else None
    annotations: list = []
    body = content.find(f"{OFFICE}body")
    if body is None:
        raise Unreadable("no office:body")
    text_body = body.find(f"{OFFICE}text")
    if text_body is not None:
        for text in _odf_paragraphs(text_body, annotations):
            sources.append(Source(f"{where}第{len(sources) + 1}段", text))
        sources += _odf_tracked_changes(where, text_body)
    spreadsheet = body.find(f"{OFFICE}spreadsheet")
    if spreadsheet is not None:
        sources += _ods_tables(where, content, spreadsheet, annotations)
    comment_sources = [
        Source(f"{where}批注{n}", _odf_text(note)) for n, note in enumerate(annotations, start=1)
    ]
    if comment_sources:
        location = f"{where}批注"
        comment_sources.append(
            Source(
                location,
                "",
                (
                    Finding(
                        "hidden_content",
                        MEDIUM,
                        location,
                        f"共 {len(comment_sources)} 条批注",
                        "文档含批注。批注随文件一起发布，发布前请删除。",
                    ),
                ),
            )
        )
    sources += comment_sources
    if meta is not None:
        pairs = []
        for element in meta.iter():
            name = _local(element.tag)
            if name in ODF_PROPERTIES and element.text:
                pairs.append((ODF_PROPERTIES[name], element.text))
        sources += _properties_source(where, pairs)
    return sources


def _odf_paragraphs(element, annotations: list):
    """Outermost paragraphs and headings in document order (a paragraph inside a frame belongs to
    its host); tracked-change regions and annotations are read elsewhere."""
    for child in element:
        if child.tag in (f"{TEXT}p", f"{TEXT}h"):
            text = _odf_text(child, annotations)
            if text:
                yield text
        elif child.tag not in (f"{TEXT}tracked-changes", f"{OFFICE}annotation"):
            yield from _odf_paragraphs(child, annotations)


def _odf_tracked_changes(where: str, text_body) -> list[Source]:
    tracked = text_body.find(f"{TEXT}tracked-changes")
    if tracked is None:
        return []
    sources = []
    insertions = deletions = 0
    for region in tracked.iter(f"{TEXT}changed-region"):
        if region.find(f"{TEXT}insertion") is not None:
            insertions += 1
        deletion = region.find(f"{TEXT}deletion")
        if deletion is not None:
            deletions += 1
            text = "\n".join(_odf_text(p) for p in deletion.iter(f"{TEXT}p"))
            if text.strip():
                sources.append(Source(f"{where}修订中已删除的文字（第{deletions}处）", text))
    if insertions or deletions:
        location = f"{where}修订记录"
        sources.append(
            Source(
                location,
                "",
                (
                    Finding(
                        "hidden_content",
                        MEDIUM,
                        location,
                        f"插入 {insertions} 处，删除 {deletions} 处",
                        "文档含修订记录，已删除的文字仍保存在文件中，发布前请接受或拒绝全部修订。",
                    ),
                ),
            )
        )
    return sources


def _ods_hidden_table_styles(content) -> set[str]:
    hidden = set()
    for style in content.iter(f"{STYLE}style"):
        properties = style.find(f"{STYLE}table-properties")
        if properties is not None and properties.get(f"{TABLE}display") == "false":
            hidden.add(style.get(f"{STYLE}name"))
    return hidden


def _ods_tables(where: str, content, spreadsheet, annotations: list) -> list[Source]:
    from openpyxl.utils import get_column_letter

    hidden_styles = _ods_hidden_table_styles(content)
    sources: list[Source] = []
    for table in spreadsheet.iter(f"{TABLE}table"):
        name = table.get(f"{TABLE}name", "")
        hidden_sheet = table.get(f"{TABLE}style-name") in hidden_styles
        sheet_label = f"{where}{'隐藏' if hidden_sheet else ''}工作表“{name}”"
        hidden_columns: set[int] = set()
        column = 0
        for col in table.iter(f"{TABLE}table-column"):
            repeat = min(int(col.get(f"{TABLE}number-columns-repeated", "1") or 1), MAX_REPEAT)
            if col.get(f"{TABLE}visibility", "visible") != "visible":
                hidden_columns.update(range(column + 1, column + repeat + 1))
            column += repeat
        hidden_rows: set[int] = set()
        rows_with_data: set[int] = set()
        columns_with_data: set[int] = set()
        row_number = 0
        for row in table.iter(f"{TABLE}table-row"):
            row_repeat = int(row.get(f"{TABLE}number-rows-repeated", "1") or 1)
            row_hidden = row.get(f"{TABLE}visibility", "visible") != "visible"
            cells = []
            column = 0
            for cell in row:
                if cell.tag not in (f"{TABLE}table-cell", f"{TABLE}covered-table-cell"):
                    continue
                repeat = min(int(cell.get(f"{TABLE}number-columns-repeated", "1") or 1), MAX_REPEAT)
                text = _odf_text(cell, annotations)
                if text:
                    cells.append((column + 1, text))
                column += repeat
            if not cells:
                row_number += row_repeat
                continue
            for _ in range(min(row_repeat, MAX_REPEAT)):
                row_number += 1
                rows_with_data.add(row_number)
                if row_hidden:
                    hidden_rows.add(row_number)
                for col_number, text in cells:
                    columns_with_data.add(col_number)
                    notes = (["隐藏行"] if row_hidden else []) + (
                        ["隐藏列"] if col_number in hidden_columns else []
                    )
                    note = f"（{'、'.join(notes)}）" if notes else ""
                    sources.append(
                        Source(
                            f"{sheet_label} 第{row_number}行 {get_column_letter(col_number)}列{note}",
                            text,
                            cell=(sheet_label, row_number, col_number),
                        )
                    )
        findings = _hidden_findings(
            sheet_label,
            name,
            hidden_sheet and bool(rows_with_data),
            sorted(hidden_rows),
            sorted(hidden_columns & columns_with_data),
        )
        if findings:
            sources.append(Source(sheet_label, "", tuple(findings)))
    return sources
