"""What a file really is, told by its content (magic bytes, zip members), never by its name.

`sniff` only looks; `detect` also enforces the allowed types and refuses a name that lies about the
content (a ".pdf" that is really a zip is refused, not renamed).
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass

from gongkai.core.errors import ValidationFailed


@dataclass(frozen=True)
class FileKind:
    mime: str
    extension: str  # canonical, without the dot
    label: str  # Chinese, for messages


PDF = FileKind("application/pdf", "pdf", "PDF 文档")
DOCX = FileKind(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "Word 文档"
)
XLSX = FileKind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "Excel 表格")
ODT = FileKind("application/vnd.oasis.opendocument.text", "odt", "OpenDocument 文本")
ODS = FileKind("application/vnd.oasis.opendocument.spreadsheet", "ods", "OpenDocument 表格")
PNG = FileKind("image/png", "png", "PNG 图片")
JPEG = FileKind("image/jpeg", "jpg", "JPEG 图片")
GIF = FileKind("image/gif", "gif", "GIF 图片")
WEBP = FileKind("image/webp", "webp", "WebP 图片")
ZIP = FileKind("application/zip", "zip", "ZIP 压缩包")
TEXT = FileKind("text/plain", "txt", "纯文本")
HTML = FileKind("text/html", "html", "HTML 网页或脚本")

ALLOWED = (PDF, DOCX, XLSX, ODT, ODS, PNG, JPEG, GIF, WEBP)
IMAGES = (PNG, JPEG, GIF, WEBP)

# Other names a kind may carry honestly.
EXTENSION_ALIASES = {"jpg": {"jpg", "jpeg", "jpe"}, "txt": {"txt", "text", "csv", "md"}}

_ODF_MIMETYPES = {ODT.mime: ODT, ODS.mime: ODS}

# Bounds on what an Office/ODF file may unpack to (issue 12 item 6: a 200 KB zip bomb expanding to 60 MB
# of XML killed a worker). Local practice; generous for real tables and documents.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # all members together
MAX_MEMBERS = 5000
MAX_RATIO = 200  # uncompressed : compressed, for any member over RATIO_FLOOR bytes
RATIO_FLOOR = 1024 * 1024
MACRO_MEMBERS = ("vbaproject.bin", "vbadata.xml", "basic/", "scripts/")  # OOXML VBA, ODF Basic/scripts
MACRO_CONTENT_TYPE = b"macroenabled"  # application/vnd.ms-word.document.macroEnabled.main+xml, …
# Markup that must never be served as a PDF: a browser would render it (issue 12 item 6).
MARKUP = (
    b"<html",
    b"<!doctype",
    b"<script",
    b"<svg",
    b"<body",
    b"<head",
    b"<iframe",
    b"<?xml",
    b"javascript:",
)


def archive_problem(data: bytes) -> str:
    """Why an Office/ODF/zip file is refused ("" when it is fine): macros, or bounds on unpacking."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS:
                return f"压缩包内文件过多（{len(infos)} 个，上限 {MAX_MEMBERS} 个）"
            total = 0
            for info in infos:
                name = info.filename.lower()
                if any(name.endswith(m) or name.startswith(m) or f"/{m}" in name for m in MACRO_MEMBERS):
                    return "文件含有宏或脚本（如 vbaProject.bin），存在安全风险。请另存为不含宏的文件后再试"
                total += info.file_size
                if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                    return "文件解压后异常膨胀（疑似“压缩炸弹”）"
            if total > MAX_UNPACKED_BYTES:
                return f"文件解压后超过 {MAX_UNPACKED_BYTES // (1024 * 1024)} MB"
            if "[Content_Types].xml" in archive.namelist():
                info = archive.getinfo("[Content_Types].xml")
                if info.file_size <= 1024 * 1024 and MACRO_CONTENT_TYPE in archive.read(info).lower():
                    return (
                        "文件为启用宏的 Office 文档（macroEnabled），存在安全风险。请另存为不含宏的文件后再试"
                    )
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, RuntimeError, NotImplementedError):
        return ""  # not a readable zip: the kind check decides
    return ""


def _zip_kind(data: bytes) -> FileKind:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                # ODF puts its mimetype first, stored uncompressed (ODF 1.2 part 3, 3.3).
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                return _ODF_MIMETYPES.get(mimetype, ZIP)
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return DOCX
                if "xl/workbook.xml" in names:
                    return XLSX
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        return ZIP
    return ZIP


def sniff(data: bytes) -> FileKind | None:
    """The kind the bytes say they are, or None when unknown. Never raises."""
    head = data[:16]
    marker = data[:1024].find(b"%PDF-")
    if marker >= 0:
        # The PDF header may follow some junk within the first 1024 bytes (ISO 32000-1, 7.5.2 note) —
        # but junk that is HTML or script makes it a web page with a PDF marker, not a PDF.
        before = data[:marker].lower()
        if any(tag in before for tag in MARKUP):
            return HTML
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return WEBP
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data)
    if data and b"\x00" not in data[:4096]:
        for encoding in ("utf-8", "gb18030"):
            try:
                data[:4096].decode(encoding)
            except UnicodeDecodeError as error:
                # a multi-byte character cut at the 4096th byte is still text
                if error.start < 4090:
                    continue
            return TEXT
    return None


def extension_of(filename: str) -> str:
    return os.path.splitext(filename or "")[1].lower().lstrip(".")


def detect(data: bytes, filename: str) -> FileKind:
    """The kind of an attachment, or ValidationFailed (Chinese message) if not allowed or misnamed."""
    if not data:
        raise ValidationFailed("文件是空的，请重新选择文件。", field="file")
    kind = sniff(data)
    if kind is HTML:
        raise ValidationFailed(
            "该文件含有 HTML 网页或脚本内容，不是 PDF 文档，不能上传。请上传真正的 PDF 文件。", field="file"
        )
    if kind in (DOCX, XLSX, ODT, ODS, ZIP) or data[:4] == b"PK\x03\x04":
        problem = archive_problem(data)
        if problem:
            raise ValidationFailed(f"{problem}，不能上传。", field="file")
    if kind not in ALLOWED:
        allowed = "、".join(k.extension.upper() for k in ALLOWED)
        found = f"（文件内容为{kind.label}）" if kind else ""
        raise ValidationFailed(f"不支持此文件类型{found}。允许的类型：{allowed}。", field="file")
    extension = extension_of(filename)
    if extension not in EXTENSION_ALIASES.get(kind.extension, {kind.extension}):
        raise ValidationFailed(
            f"文件名的扩展名“.{extension}”与文件内容（{kind.label}）不符，请确认文件后重新上传。"
            if extension
            else f"文件名缺少扩展名，文件内容为{kind.label}（.{kind.extension}）。",
            field="file",
        )
    return kind
