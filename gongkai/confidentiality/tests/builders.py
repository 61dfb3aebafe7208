"""Small real documents built in memory for the scanner tests (no binary fixtures to trust)."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

# Valid resident ID numbers (GB 11643 check digit, real region codes and birth dates). The first is the
# specimen printed in GB 11643-1999 itself; the second is made for a Fuzhou (350102) birth on 1990-01-01.
VALID_ID = "11010519491231002X"
VALID_ID_FUZHOU = "350102199001011238"
BAD_CHECKSUM_ID = "350102199001011239"  # same number, wrong check digit
# Luhn-valid 19-digit UnionPay-shaped number (made up; Luhn check digit computed) and its broken twin.
VALID_CARD = "6222021234567890128"
BAD_CARD = "6222021234567890127"
VALID_USCC = "91350100M000100Y43"


def docx(
    paragraphs=(), *, comments=(), hidden=(), deleted=(), inserted=(), author=None, header=None, table=None
) -> bytes:
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = Document()
    if author:
        document.core_properties.author = author
        document.core_properties.last_modified_by = author
    if header:
        document.sections[0].header.paragraphs[0].text = header
    for text in paragraphs:
        document.add_paragraph(text)
    for text in hidden:
        run = document.add_paragraph("正文").add_run(text)
        run.font.hidden = True
    for text in deleted:
        paragraph = document.add_paragraph("保留的文字")
        paragraph._p.append(
            parse_xml(
                f'<w:del {nsdecls("w")} w:id="901" w:author="李四" w:date="2024-01-01T00:00:00Z">'
                f"<w:r><w:delText>{escape(text)}</w:delText></w:r></w:del>"
            )
        )
    for text in inserted:
        paragraph = document.add_paragraph("原文")
        paragraph._p.append(
            parse_xml(
                f'<w:ins {nsdecls("w")} w:id="902" w:author="李四" w:date="2024-01-01T00:00:00Z">'
                f"<w:r><w:t>{escape(text)}</w:t></w:r></w:ins>"
            )
        )
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    for text in comments:
        paragraph = document.add_paragraph("有批注的段落")
        document.add_comment(paragraph.runs, text=text, author="王五", initials="WW")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx(
    rows=(),
    *,
    hidden_sheet_rows=None,
    very_hidden=False,
    hidden_rows=(),
    hidden_columns=(),
    comment=None,
    creator=None,
) -> bytes:
    import openpyxl
    from openpyxl.comments import Comment

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    for row in rows:
        sheet.append(list(row))
    for number in hidden_rows:
        sheet.row_dimensions[number].hidden = True
    for letter in hidden_columns:
        sheet.column_dimensions[letter].hidden = True
    if comment:
        coordinate, text = comment
        sheet[coordinate].comment = Comment(text, "王五")
    if hidden_sheet_rows is not None:
        other = workbook.create_sheet("名单")
        for row in hidden_sheet_rows:
            other.append(list(row))
        other.sheet_state = "veryHidden" if very_hidden else "hidden"
    if creator:
        workbook.properties.creator = creator
        workbook.properties.lastModifiedBy = creator
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pdf(lines=(), *, author=None) -> bytes:
    """A one-page PDF with Helvetica text (ASCII only), objects and xref written by hand."""
    stream = (
        "BT /F1 12 Tf 72 720 Td 14 TL "
        + " ".join(f"({line.replace('(', '').replace(')', '')}) '" for line in lines)
        + " ET"
    )
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if author:
        objects.append(f"<< /Author ({author}) >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    info = f" /Info {len(objects)} 0 R" if author else ""
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


_ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.2"'
)


def _odf_zip(mimetype: str, body: str, *, styles: str = "", creator: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        archive.writestr(
            "content.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODF_NS}>'
            f"<office:automatic-styles>{styles}</office:automatic-styles>"
            f"<office:body>{body}</office:body></office:document-content>",
        )
        meta = f"<dc:creator>{escape(creator)}</dc:creator>" if creator else ""
        archive.writestr(
            "meta.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {_ODF_NS}>'
            f"<office:meta>{meta}</office:meta></office:document-meta>",
        )
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
    return buffer.getvalue()


def odt(paragraphs=(), *, comment=None, deleted=None, creator=None) -> bytes:
    body = ""
    if deleted:
        body += (
            '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion>'
            f"<text:p>{escape(deleted)}</text:p></text:deletion></text:changed-region></text:tracked-changes>"
        )
    body += "".join(f"<text:p>{escape(p)}</text:p>" for p in paragraphs)
    if comment:
        body += (
            f"<text:p>正文<office:annotation><text:p>{escape(comment)}</text:p></office:annotation></text:p>"
        )
    return _odf_zip(
        "application/vnd.oasis.opendocument.text", f"<office:text>{body}</office:text>", creator=creator
    )


def ods(rows=(), *, hidden_row=None, hidden_sheet_rows=None) -> bytes:
    def table(name, rows, style="", hidden_row=None):
        out = (
            f'<table:table table:name="{name}"{style}><table:table-column table:number-columns-repeated="3"/>'
        )
        for number, row in enumerate(rows, start=1):
            visibility = ' table:visibility="collapse"' if number == hidden_row else ""
            cells = "".join(
                f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p>'
                "</table:table-cell>"
                for v in row
            )
            out += f"<table:table-row{visibility}>{cells}</table:table-row>"
        return out + "</table:table>"

    body = table("Sheet1", rows, hidden_row=hidden_row)
    styles = ""
    if hidden_sheet_rows is not None:
        styles = (
            '<style:style style:name="ta2" style:family="table">'
            '<style:table-properties table:display="false"/></style:style>'
        )
        body += table("名单", hidden_sheet_rows, style=' table:style-name="ta2"')
    return _odf_zip(
        "application/vnd.oasis.opendocument.spreadsheet",
        f"<office:spreadsheet>{body}</office:spreadsheet>",
        styles=styles,
    )
