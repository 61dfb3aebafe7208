"""Confidentiality and privacy scan (保密审查自动检查), pure: no ORM, no settings, no clock.

`extract_sources` turns a file into labelled pieces of text (a paragraph, a cell, a page, a comment,
deleted text of a tracked change, document properties), and attaches findings about the container
itself (hidden sheet, comments, metadata, unreadable file). `scan` runs the detectors over the text.

Precision comes first (ADR 0008): a reviewer who sees ten false alarms stops reading the eleventh.
So every detector checks structure, not only shape — a resident ID needs the GB 11643 check digit and a
valid birth date (the region code is a secondary signal: ADR 0021); a bank card needs Luhn and a
card-issuer prefix; a mobile number a network number MIIT allocated (data/mobile_prefixes.json) and no
unit after it; a classification marking needs the position or form of a marking (★, "密级：", a line of
its own), never the bare word ("商业秘密" in a legal citation is not a marking).

Lines are normalised first (full-width ０-９ and Ｘ, ideographic spaces and dashes folded to ASCII, one
character for one), so 全角 numbers are found at the same positions.
"""

# The scanner was one module; it is a package now (issue 12, item 16), split along its seams: the
# vocabulary (base), the structural detectors, the scan engine and the HTML readers. Every name that
# was importable from `gongkai.confidentiality.scanner` still is.
from ..detection import HIGH, LOW, MEDIUM, mask_middle
from .base import (
    EXCERPT_CONTEXT,
    KIND_LABELS,
    MAX_FINDINGS_PER_KIND,
    PERSONAL_KINDS,
    SEVERITY_LABELS,
    SEVERITY_ORDER,
    Finding,
    Source,
    extract_sources,
)
from .detectors import EARLIEST_BIRTH_YEAR, GB11643_WEIGHTS, gb11643_check_digit, resident_id_number
from .engine import DETECTORS, mask_personal_data, scan
from .html_text import html_sources, html_to_text

__all__ = [
    "HIGH",
    "LOW",
    "MEDIUM",
    "mask_middle",
    "SEVERITY_ORDER",
    "KIND_LABELS",
    "PERSONAL_KINDS",
    "SEVERITY_LABELS",
    "MAX_FINDINGS_PER_KIND",
    "EXCERPT_CONTEXT",
    "Finding",
    "Source",
    "extract_sources",
    "GB11643_WEIGHTS",
    "EARLIEST_BIRTH_YEAR",
    "gb11643_check_digit",
    "resident_id_number",
    "DETECTORS",
    "scan",
    "mask_personal_data",
    "html_to_text",
    "html_sources",
]
