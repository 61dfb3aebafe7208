"""Text out of attachments, including what a reader of the file does not see at first sight.

DOCX and ODF are read as the XML they are (stdlib zipfile + defusedxml), because comments, tracked
deletions and hidden runs are plain elements there; XLSX goes through openpyxl, which knows sheet
states and row/column dimensions; PDF through pypdf. Every reader is guarded: a corrupt or hostile
file becomes an `unreadable_file` finding, never an exception, and size limits stop zip bombs.
"""

from __future__ import annotations

import logging

from .. import filetypes
from ..scanner import Source
from .common import (  # noqa: F401 — the package's public names, as when it was one module
    MAX_ARCHIVE_BYTES,
    MAX_CELLS,
    MAX_MEMBER_BYTES,
    MAX_PDF_PAGES,
    Unreadable,
    _unreadable,
)
from .odf import _odf
from .pdf_text import _pdf, _text
from .spreadsheet import _xlsx
from .word import _docx

logger = logging.getLogger(__name__)


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
