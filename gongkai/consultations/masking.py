"""Personal data in public text: detection and masking are the confidentiality scanner's (resident ID,
mobile, bank card, passport and travel permits, personal e-mail, vehicle plate, home landline); masking
keeps the first and last characters so that a moderator can still see what was there."""

from gongkai.confidentiality.scanner import KIND_LABELS as _SCANNER_LABELS
from gongkai.confidentiality.scanner import PERSONAL_KINDS, Source, scan
from gongkai.confidentiality.scanner import mask_personal_data as _mask


def personal_findings(text: str) -> list:
    return [f for f in scan([Source(label="内容", text=text or "")]) if f.kind in PERSONAL_KINDS]


def mask_personal_data(text: str) -> tuple[str, list[str]]:
    """(text with personal data masked, kinds of what was found); unchanged when nothing was found."""
    return _mask(text or "", PERSONAL_KINDS) if text else (text, [])


KIND_LABELS = {kind: _SCANNER_LABELS[kind] for kind in PERSONAL_KINDS} | {"resident_id": "身份证号码"}
