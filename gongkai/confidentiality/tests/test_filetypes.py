import pytest

from gongkai.confidentiality import filetypes
from gongkai.core.errors import ValidationFailed

from . import builders as b

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 16
GIF = b"GIF89a" + b"\x00" * 16
WEBP = b"RIFF\x00\x00\x00\x00WEBPVP8 "


@pytest.mark.parametrize(
    "name, data, kind",
    [
        ("通知.pdf", b.pdf(["x"]), filetypes.PDF),
        ("通知.docx", b.docx(["x"]), filetypes.DOCX),
        ("统计表.XLSX", b.xlsx([["x"]]), filetypes.XLSX),
        ("说明.odt", b.odt(["x"]), filetypes.ODT),
        ("表.ods", b.ods([["x"]]), filetypes.ODS),
        ("图.png", PNG, filetypes.PNG),
        ("照片.jpeg", JPEG, filetypes.JPEG),
        ("照片.jpg", JPEG, filetypes.JPEG),
        ("动图.gif", GIF, filetypes.GIF),
        ("图.webp", WEBP, filetypes.WEBP),
    ],
)
def test_allowed_types_are_recognised_by_content(name, data, kind):
    assert filetypes.detect(data, name) == kind


def test_a_pdf_that_is_really_a_zip_is_refused():
    with pytest.raises(ValidationFailed, match="扩展名“.pdf”与文件内容（Word 文档）不符"):
        filetypes.detect(b.docx(["x"]), "通知.pdf")


def test_a_plain_zip_named_docx_is_refused():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "x")
    with pytest.raises(ValidationFailed, match="不支持此文件类型（文件内容为ZIP 压缩包）"):
        filetypes.detect(buffer.getvalue(), "通知.docx")


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "文件是空的"),
        (b"MZ\x90\x00\x03\x00\x00\x00", "不支持此文件类型"),
        ("纯文本内容".encode(), "不支持此文件类型（文件内容为纯文本）"),
    ],
)
def test_disallowed_or_empty_content_is_refused(data, message):
    with pytest.raises(ValidationFailed, match=message):
        filetypes.detect(data, "附件.pdf")


def test_a_name_without_extension_is_refused():
    with pytest.raises(ValidationFailed, match="文件名缺少扩展名"):
        filetypes.detect(PNG, "图片")


def test_sniff_never_raises_on_a_broken_zip():
    assert filetypes.sniff(b"PK\x03\x04broken") == filetypes.ZIP
