"""Text out of attachments, including what a reader of the file does not see at first sight.

DOCX and ODF are read as the XML they are (stdlib zipfile + defusedxml), because comments, tracked
deletions and hidden runs are plain elements there; XLSX goes through openpyxl, which knows sheet
states and row/column dimensions; PDF through pypdf. Every reader is guarded: a corrupt or hostile
file becomes an `unreadable_file` finding, never an exception, and size limits stop zip bombs.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import warnings
import zipfile

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from . import filetypes
from .scanner import HIGH, LOW, MEDIUM, Finding, Source, html_sources

logger = logging.getLogger(__name__)

MAX_MEMBER_BYTES = 64 * 1024 * 1024  # one XML part, uncompressed
MAX_ARCHIVE_BYTES = 256 * 1024 * 1024  # all parts, uncompressed
MAX_CELLS = 2_000_000
MAX_PDF_PAGES = 3000


class Unreadable(Exception):
    pass


def _unreadable(where: str, why: str, severity: str = HIGH) -> Source:
    return Source(where, "", (Finding("unreadable_file", severity, where, "", why),))


def extract(filename: str, data: bytes) -> list[Source]:
    where = f"附件《{filename}》"
    kind = filetypes.sniff(data or b"")
    readers = {
        filetypes.PDF: _pdf,
        filetypes.DOCX: _docx,
        filetypes.XLSX: _xlsx,
        filetypes.ODT: _odf,
        filetypes.ODS: _odf,
        filetypes.TEXT: _text,
    }
    if kind in filetypes.IMAGES:
        # No OCR: the reviewer looks at images (docs/howto/confidentiality-review.md).
        return [Source(where, "")]
    reader = readers.get(kind)
    if reader is None:
        return [_unreadable(where, "无法识别文件格式或文件已损坏，未能自动检查，请人工审查。")]
    try:
        if reader is _text:
            return _text(where, data, filename)
        return reader(where, data)
    except Exception as error:  # noqa: BLE001 — any parser failure on a bad file is a finding, not a 500
        logger.info("unreadable attachment %r: %r", filename, error)
        return [_unreadable(where, f"文件已损坏或格式异常，未能自动检查（{kind.label}），请人工审查。")]


# ---------------------------------------------------------------------------------------------------
# Zip-based formats


def _open_zip(data: bytes) -> zipfile.ZipFile:
    archive = zipfile.ZipFile(io.BytesIO(data))
    if sum(info.file_size for info in archive.infolist()) > MAX_ARCHIVE_BYTES:
        raise Unreadable("archive too large when uncompressed")
    return archive


def _xml(archive: zipfile.ZipFile, name: str):
    info = archive.getinfo(name)
    if info.file_size > MAX_MEMBER_BYTES:
        raise Unreadable(f"{name} too large")
    try:
        return ElementTree.fromstring(archive.read(info))
    except DefusedXmlException as error:
        raise Unreadable(f"{name}: forbidden XML construct") from error


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


OOXML_PROPERTIES = {  # local name → Chinese label (docProps/core.xml and app.xml)
    "creator": "作者",
    "lastModifiedBy": "最后修改者",
    "Manager": "经理",
    "Company": "单位",
    "title": "标题",
    "subject": "主题",
    "keywords": "关键词",
    "description": "备注",
    "category": "类别",
}
ODF_PROPERTIES = {
    "initial-creator": "作者",
    "creator": "最后修改者",
    "title": "标题",
    "subject": "主题",
    "keyword": "关键词",
    "description": "备注",
}
PEOPLE = ("作者", "最后修改者", "经理", "单位")
# Values that software and default accounts write; they name nobody (precision first).
GENERIC_AUTHORS = {
    "administrator",
    "admin",
    "user",
    "owner",
    "unknown",
    "openpyxl",
    "python-docx",
    "microsoft office user",
    "microsoft office 用户",
    "apache poi",
    "wps",
    "wps office",
}


def _properties_source(where: str, pairs: list[tuple[str, str]]) -> list[Source]:
    """Document properties as text (an ID in a title is still an ID) plus a finding when they name
    people or the organisation: they travel with the file and are often forgotten."""
    pairs = [(label, value.strip()) for label, value in pairs if value and value.strip()]
    if not pairs:
        return []
    label = f"{where}文档属性"
    people = [
        f"{name}：{value}"
        for name, value in pairs
        if name in PEOPLE and value.casefold() not in GENERIC_AUTHORS
    ]
    findings = ()
    if people:
        findings = (
            Finding(
                "document_metadata",
                LOW,
                label,
                "；".join(people)[:200],
                "文档属性中含有作者、修改者或单位等信息，发布前建议清除（另存为时删除个人信息）。",
            ),
        )
    return [Source(label, "\n".join(f"{name}：{value}" for name, value in pairs), findings)]


def _ooxml_properties(where: str, archive: zipfile.ZipFile) -> list[Source]:
    pairs = []
    for part in ("docProps/core.xml", "docProps/app.xml"):
        if part in archive.namelist():
            for element in _xml(archive, part):
                name = _local(element.tag)
                if name in OOXML_PROPERTIES and element.text:
                    pairs.append((OOXML_PROPERTIES[name], element.text))
    return _properties_source(where, pairs)


# ---------------------------------------------------------------------------------------------------
# DOCX

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class _DocxWalker:
    """Walks one WordprocessingML part, producing one Source per paragraph or table cell.

    Text of w:del (tracked deletions) and of hidden runs (w:vanish) is kept apart: the reader of the
    document does not see it, but it is in the file.
    """

    def __init__(self, where: str, part_label: str):
        self.where = where
        self.part_label = part_label
        self.sources: list[Source] = []
        self.paragraphs = 0
        self.tables = 0
        self.cell_stack: list[list[int]] = []  # [table number, row, column] per open table
        self.insertions = 0
        self.deletions = 0
        self.hidden_runs = 0

    def location(self) -> str:
        if self.cell_stack:
            table, row, column = self.cell_stack[-1]
            return f"{self.where}{self.part_label}表{table}第{row}行第{column}列"
        return f"{self.where}{self.part_label}第{self.paragraphs}段"

    def walk_part(self, root) -> None:
        self._walk(root, None)

    def _walk(self, element, paragraph: dict | None) -> None:
        tag = element.tag
        if tag == f"{W}p":
            own = {"text": [], "deleted": [], "hidden": []}
            for child in element:
                self._walk(child, own)
            self._finish_paragraph(own)
            return
        if tag == f"{W}tbl":
            self.tables += 1
            self.cell_stack.append([self.tables, 0, 0])
            for child in element:
                self._walk(child, paragraph)
            self.cell_stack.pop()
            return
        if tag == f"{W}tr" and self.cell_stack:
            self.cell_stack[-1][1] += 1
            self.cell_stack[-1][2] = 0
        elif tag == f"{W}tc" and self.cell_stack:
            self.cell_stack[-1][2] += 1
        elif tag == f"{W}ins" and element.find(f".//{W}t") is not None:
            self.insertions += 1
        elif tag == f"{W}del" and element.find(f".//{W}delText") is not None:
            self.deletions += 1
        elif tag == f"{W}r" and paragraph is not None and self._hidden(element):
            self.hidden_runs += 1
            paragraph["hidden"].append("".join(t.text or "" for t in element.iter(f"{W}t")))
            return
        elif paragraph is not None:
            if tag == f"{W}t":
                paragraph["text"].append(element.text or "")
            elif tag == f"{W}delText":
                paragraph["deleted"].append(element.text or "")
            elif tag in (f"{W}tab", f"{W}br", f"{W}cr"):
                paragraph["text"].append(" ")
        for child in element:
            self._walk(child, paragraph)

    @staticmethod
    def _hidden(run) -> bool:
        vanish = run.find(f"{W}rPr/{W}vanish")
        return vanish is not None and vanish.get(f"{W}val", "true") not in ("0", "false", "off")

    def _finish_paragraph(self, own: dict) -> None:
        text = "".join(own["text"]).strip()
        deleted = "".join(own["deleted"]).strip()
        hidden = "".join(own["hidden"]).strip()
        if not (text or deleted or hidden):
            return
        if not self.cell_stack:
            self.paragraphs += 1
        location = self.location()
        cell = None
        if self.cell_stack:
            table, row, column = self.cell_stack[-1]
            cell = (f"{self.where}{self.part_label}表{table}", row, column)
        if text:
            self.sources.append(Source(location, text, cell=cell))
        if deleted:
            self.sources.append(Source(f"{location}（修订中已删除的文字）", deleted))
        if hidden:
            self.sources.append(
                Source(
                    f"{location}（隐藏文字）",
                    hidden,
                    (
                        Finding(
                            "hidden_content",
                            MEDIUM,
                            f"{location}（隐藏文字）",
                            hidden[:40],
                            "段落中有设置为“隐藏”的文字，打印和阅读时看不到，但仍在文件中。",
                        ),
                    ),
                )
            )


def _docx(where: str, data: bytes) -> list[Source]:
    sources: list[Source] = []
    with _open_zip(data) as archive:
        names = archive.namelist()
        parts = [("word/document.xml", "")]
        parts += [(n, "页眉") for n in sorted(names) if n.startswith("word/header") and n.endswith(".xml")]
        parts += [(n, "页脚") for n in sorted(names) if n.startswith("word/footer") and n.endswith(".xml")]
        parts += [
            (n, label)
            for n, label in (("word/footnotes.xml", "脚注"), ("word/endnotes.xml", "尾注"))
            if n in names
        ]
        insertions = deletions = 0
        for name, label in parts:
            walker = _DocxWalker(where, label)
            walker.walk_part(_xml(archive, name))
            sources += walker.sources
            insertions += walker.insertions
            deletions += walker.deletions
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
                            "文档含未接受的修订（修订痕迹）。已删除的文字仍保存在文件中，发布前请接受或拒绝全部修订。",
                        ),
                    ),
                )
            )
        if "word/comments.xml" in names:
            sources += _docx_comments(where, _xml(archive, "word/comments.xml"))
        sources += _ooxml_properties(where, archive)
    return sources


def _docx_comments(where: str, root) -> list[Source]:
    sources = []
    for number, comment in enumerate(root.iter(f"{W}comment"), start=1):
        author = comment.get(f"{W}author", "")
        text = "\n".join(
            "".join(t.text or "" for t in p.iter(f"{W}t")) for p in comment.iter(f"{W}p")
        ).strip()
        sources.append(Source(f"{where}批注{number}" + (f"（{author}）" if author else ""), text))
    if sources:
        sources.append(_comments_found(where, len(sources), "文档含批注。批注随文件一起发布，发布前请删除。"))
    return sources


# ---------------------------------------------------------------------------------------------------
# XLSX


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e20:
        return str(int(value))
    return str(value).strip()


def _ranges(numbers: list[int], fmt) -> str:
    spans: list[list[int]] = []
    for n in sorted(numbers):
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return "、".join(fmt(a) if a == b else f"{fmt(a)}至{fmt(b)}" for a, b in spans)


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


# ---------------------------------------------------------------------------------------------------
# PDF and plain text


def _pdf(where: str, data: bytes) -> list[Source]:
    from pypdf import PdfReader

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logging.getLogger("pypdf").setLevel(logging.ERROR)
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return [_unreadable(where, "PDF 已加密，无法自动检查，请提供未加密的文件或人工审查。")]
        sources: list[Source] = []
        characters = 0
        annotations = 0
        for number, page in enumerate(reader.pages, start=1):
            if number > MAX_PDF_PAGES:
                sources.append(
                    _unreadable(where, f"PDF 超过 {MAX_PDF_PAGES} 页，其余页面请人工审查。", MEDIUM)
                )
                break
            try:
                text = page.extract_text() or ""
            except Exception:  # noqa: BLE001 — one broken page must not hide the others
                sources.append(_unreadable(f"{where}第{number}页", "该页内容无法解析，请人工审查。", MEDIUM))
                continue
            characters += len(text.strip())
            sources.append(Source(f"{where}第{number}页", text))
            for annotation in page.get("/Annots") or []:
                contents = annotation.get_object().get("/Contents")
                if contents and str(contents).strip():
                    annotations += 1
                    sources.append(Source(f"{where}第{number}页批注{annotations}", str(contents)))
        if reader.pages and characters == 0:
            sources.append(
                _unreadable(
                    where, "PDF 中没有可提取的文字（可能是扫描件或图片），未能自动检查，请人工审查。", MEDIUM
                )
            )
        if annotations:
            sources.append(
                _comments_found(where, annotations, "PDF 含批注（注释），批注随文件一起发布，发布前请删除。")
            )
        # Incremental updates keep earlier versions of the content in the file ("redacted" text may
        # still be there); a linearised PDF legitimately has two end-of-file markers.
        expected = 2 if b"/Linearized" in data[:2048] else 1
        if data.count(b"%%EOF") > expected:
            location = f"{where}文件结构"
            sources.append(
                Source(
                    location,
                    "",
                    (
                        Finding(
                            "hidden_content",
                            MEDIUM,
                            location,
                            f"{data.count(b'%%EOF')} 个版本",
                            "PDF 经过增量保存，早期版本的内容可能仍保存在文件中，建议“另存为”新文件后再发布。",
                        ),
                    ),
                )
            )
        metadata = reader.metadata or {}
        pairs = [
            (label, str(metadata.get(key) or ""))
            for key, label in (
                ("/Author", "作者"),
                ("/Title", "标题"),
                ("/Subject", "主题"),
                ("/Keywords", "关键词"),
            )
        ]
    return sources + _properties_source(where, pairs)


def _text(where: str, data: bytes, filename: str = "") -> list[Source]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            continue
        extension = filetypes.extension_of(filename)
        if extension in ("csv", "tsv"):
            return _delimited(where, text, "\t" if extension == "tsv" else None)
        if extension in ("html", "htm", "xhtml") or _HTML_START.match(text):
            return html_sources(where, text)
        return [Source(where, text)]
    return [_unreadable(where, "文本文件编码无法识别，请人工审查。", MEDIUM)]


_HTML_START = re.compile(r"\s*(?:<!doctype html|<html[\s>]|<table[\s>])", re.IGNORECASE)


def _delimited(where: str, text: str, delimiter: str | None) -> list[Source]:
    """A CSV (or TSV) file, one Source per cell with its row and column, like a sheet."""
    from openpyxl.utils import get_column_letter

    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
    sources = []
    cells = 0
    for row_number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        for column, value in enumerate(row, start=1):
            value = value.strip()
            if not value:
                continue
            cells += 1
            if cells > MAX_CELLS:
                sources.append(
                    _unreadable(
                        where, f"表格超过 {MAX_CELLS} 个单元格，只检查了前一部分，其余请人工审查。", MEDIUM
                    )
                )
                return sources
            sources.append(
                Source(
                    f"{where}第{row_number}行 {get_column_letter(column)}列",
                    value,
                    cell=(where, row_number, column),
                )
            )
    return sources


def _hidden_findings(
    sheet_label: str, title: str, sheet_hidden: bool, rows: list[int], columns: list[int]
) -> list[Finding]:
    """Hidden sheets, rows and columns that hold data (XLSX and ODS alike)."""
    from openpyxl.utils import get_column_letter  # imported lazily like the readers above

    findings = []
    if sheet_hidden:
        findings.append(
            Finding(
                "hidden_content",
                MEDIUM,
                sheet_label,
                f"工作表“{title}”",
                "工作表被隐藏，打开文件时看不到，但“取消隐藏”即可查看其全部内容。",
            )
        )
    if rows:
        findings.append(
            Finding(
                "hidden_content",
                MEDIUM,
                f"{sheet_label} {_ranges(rows, '第{}行'.format)}",
                f"隐藏行 {len(rows)} 行",
                "含数据的行被隐藏，发布后仍可取消隐藏查看。",
            )
        )
    if columns:
        findings.append(
            Finding(
                "hidden_content",
                MEDIUM,
                f"{sheet_label} {_ranges(columns, lambda c: get_column_letter(c) + '列')}",
                f"隐藏列 {len(columns)} 列",
                "含数据的列被隐藏，发布后仍可取消隐藏查看。",
            )
        )
    return findings


def _comments_found(where: str, count: int, detail: str) -> Source:
    """A finding-only source saying that a document carries comments (DOCX and PDF alike)."""
    location = f"{where}批注"
    return Source(location, "", (Finding("hidden_content", MEDIUM, location, f"共 {count} 条批注", detail),))
