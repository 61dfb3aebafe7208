"""Issue 12 item 6: uploads refused by content whatever their name — macro-enabled Office files
(vbaProject.bin, macroEnabled content types, ODF Basic), HTML/script carrying a PDF marker, and zip
bombs (bounds on what a file unpacks to)."""

import io
import zipfile

import pytest

from gongkai.confidentiality import filetypes
from gongkai.core.errors import ValidationFailed

CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" ContentType="{ct}"/></Types>'
)
DOCX_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_CT = "application/vnd.ms-word.document.macroEnabled.main+xml"


def _zip(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _docx(content_type=DOCX_CT, **extra) -> bytes:
    return _zip(
        {
            "[Content_Types].xml": CONTENT_TYPES.format(ct=content_type).encode(),
            "word/document.xml": b"<w:document/>",
            **extra,
        }
    )


def test_plain_docx_is_accepted():
    assert filetypes.detect(_docx(), "通知.docx") is filetypes.DOCX


@pytest.mark.parametrize("name", ["通知.docx", "通知.pdf", "通知.docm", "data.xlsx"])
def test_vba_project_is_refused_whatever_the_extension(name):
    with pytest.raises(ValidationFailed, match="宏"):
        filetypes.detect(_docx(**{"word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"x" * 100}), name)


def test_macro_enabled_content_type_is_refused():
    with pytest.raises(ValidationFailed, match="macroEnabled"):
        filetypes.detect(_docx(content_type=DOCM_CT), "通知.docx")


def test_odf_with_basic_macros_is_refused():
    data = _zip(
        {
            "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
            "content.xml": b"<office:document-content/>",
            "Basic/Standard/Module1.xml": b"<script:module/>",
        }
    )
    with pytest.raises(ValidationFailed, match="宏"):
        filetypes.detect(data, "表.ods")


@pytest.mark.parametrize(
    "data",
    [
        b"<html><body><script>alert(1)</script>%PDF-1.7\n",
        b"<!DOCTYPE html><p>x</p>\n%PDF-1.4 trailer",
        b"<svg onload=alert(1)>%PDF-1.5",
    ],
)
def test_markup_with_a_pdf_marker_is_not_a_pdf(data):
    assert filetypes.sniff(data) is filetypes.HTML
    with pytest.raises(ValidationFailed, match="HTML"):
        filetypes.detect(data, "报告.pdf")


def test_real_pdf_with_leading_junk_is_still_a_pdf():
    assert filetypes.sniff(b"\x00\x01junk%PDF-1.7\n1 0 obj") is filetypes.PDF


def test_zip_bomb_is_refused():
    """~60 MB of XML that compresses to a few tens of KB (the security review's case)."""
    bomb = _docx(**{"word/document.xml": b"<w:p/>" * (10 * 1024 * 1024)})
    assert len(bomb) < 200 * 1024
    with pytest.raises(ValidationFailed, match="压缩炸弹|解压后超过"):
        filetypes.detect(bomb, "通知.docx")
