"""What every reader shares: size limits, the unreadable-file finding, zip and XML helpers, document
properties, and the findings for hidden content and comments."""

from __future__ import annotations

import io
import zipfile

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from ..scanner import HIGH, LOW, MEDIUM, Finding, Source

MAX_MEMBER_BYTES = 64 * 1024 * 1024  # one XML part, uncompressed
MAX_ARCHIVE_BYTES = 256 * 1024 * 1024  # all parts, uncompressed
MAX_CELLS = 2_000_000
MAX_PDF_PAGES = 3000


class Unreadable(Exception):
    pass


def _unreadable(where: str, why: str, severity: str = HIGH) -> Source:
    return Source(where, "", (Finding("unreadable_file", severity, where, "", why),))


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


def _ranges(numbers: list[int], fmt) -> str:
    spans: list[list[int]] = []
    for n in sorted(numbers):
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return "、".join(fmt(a) if a == b else f"{fmt(a)}至{fmt(b)}" for a, b in spans)
