"""Personal data in public text: detection is the confidentiality scanner's (resident ID, mobile,
bank card); masking keeps the first and last digits so that a moderator can still see what was there."""

import re

from gongkai.confidentiality.scanner import Source, mask_middle, scan

PERSONAL_KINDS = frozenset({"resident_id", "mobile_number", "bank_card"})
_DIGIT_RUN = re.compile(r"(?<![0-9A-Za-z])(?:\+?86[- ]?)?\d(?:[\d -]{5,}\d)[\dXx]?(?![0-9A-Za-z])")


def personal_findings(text: str) -> list:
    return [f for f in scan([Source(label="内容", text=text or "")]) if f.kind in PERSONAL_KINDS]


def mask_personal_data(text: str) -> tuple[str, list[str]]:
    """(text with long digit runs masked, labels of what was found); unchanged when nothing was found."""
    findings = personal_findings(text)
    if not findings:
        return text, []

    def replace(match: re.Match) -> str:
        value = match.group(0)
        digits = re.sub(r"\D", "", value)
        return mask_middle(digits, 3, 4) if len(digits) >= 7 else value

    labels = sorted({f.kind for f in findings})
    return _DIGIT_RUN.sub(replace, text), labels


KIND_LABELS = {"resident_id": "身份证号码", "mobile_number": "手机号码", "bank_card": "银行卡号"}
