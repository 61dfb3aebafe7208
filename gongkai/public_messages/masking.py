"""Mask ID, phone and bank numbers before a message is published (detection: the confidentiality
scanner). Kept beside the app on purpose: the capability apps may not import one another (ADR 0015)."""

import re

from gongkai.confidentiality.scanner import Source, mask_middle, scan

PERSONAL_KINDS = frozenset({"resident_id", "mobile_number", "bank_card"})
_DIGIT_RUN = re.compile(r"(?<![0-9A-Za-z])(?:\+?86[- ]?)?\d(?:[\d -]{5,}\d)[\dXx]?(?![0-9A-Za-z])")


def has_personal_data(text: str) -> bool:
    return any(f.kind in PERSONAL_KINDS for f in scan([Source(label="留言", text=text or "")]))


def mask_personal_data(text: str) -> str:
    if not has_personal_data(text):
        return text

    def replace(match: re.Match) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        return mask_middle(digits, 3, 4) if len(digits) >= 7 else match.group(0)

    return _DIGIT_RUN.sub(replace, text)
