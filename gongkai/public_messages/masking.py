"""Mask personal data (ID, phone, bank, passport and permit numbers, personal e-mail, plates, home
landlines) before a message is published; detection and masking are the confidentiality scanner's.
Kept beside the app on purpose: the capability apps may not import one another (ADR 0015)."""

from gongkai.confidentiality.scanner import PERSONAL_KINDS, Source, scan
from gongkai.confidentiality.scanner import mask_personal_data as _mask


def has_personal_data(text: str) -> bool:
    return any(f.kind in PERSONAL_KINDS for f in scan([Source(label="留言", text=text or "")]))


def mask_personal_data(text: str) -> str:
    if not text:
        return text
    return _mask(text, PERSONAL_KINDS)[0]
