"""PDF (pypdf, bounded pages) and plain text (CSV/TSV tables, HTML saved as text)."""

from __future__ import annotations

import csv
import io
import logging
import re
import warnings

from .. import filetypes
from ..scanner import MEDIUM, Finding, Source, html_sources
from .common import (
    MAX_CELLS,
    MAX_PDF_PAGES,
    _comments_found,
    _properties_source,
    _unreadable,
)

logger = logging.getLogger("gongkai.confidentiality.extractors")


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
