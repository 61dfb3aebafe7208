"""What a scan is made of: the finding kinds and their Chinese labels, `Finding`, `Source`, and masked
excerpts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..detection import HIGH, LOW, MEDIUM, mask_middle

SEVERITY_ORDER = {HIGH: 0, MEDIUM: 1, LOW: 2}

KIND_LABELS = {
    "classification_marking": "密级标志",
    "resident_id": "居民身份证号码",
    "mobile_number": "手机号码",
    "bank_card": "银行卡号",
    "credit_code": "统一社会信用代码",
    "negative_term": "负面清单事项",
    "hidden_content": "隐藏内容",
    "document_metadata": "文档属性",
    "small_cell": "小样本统计单元格",
    "unreadable_file": "无法检查的文件",
    "passport": "护照号码",
    "hk_macao_permit": "港澳通行证号码",
    "taiwan_permit": "台湾通行证号码",
    "personal_email": "个人电子邮箱",
    "vehicle_plate": "机动车号牌",
    "home_landline": "住宅电话",
}
# Findings that are personal data of a natural person: what the masking helpers hide before publishing.
PERSONAL_KINDS = frozenset(
    {
        "resident_id",
        "mobile_number",
        "bank_card",
        "passport",
        "hk_macao_permit",
        "taiwan_permit",
        "personal_email",
        "vehicle_plate",
        "home_landline",
    }
)
SEVERITY_LABELS = {HIGH: "高", MEDIUM: "中", LOW: "低"}

# Past this many findings of one kind in one scan the rest are summarised in one line.
MAX_FINDINGS_PER_KIND = 100
EXCERPT_CONTEXT = 12


@dataclass(frozen=True)
class Finding:
    kind: str
    severity: str
    location: str
    excerpt: str
    detail: str


@dataclass(frozen=True)
class Source:
    label: str
    text: str
    # Findings about the container itself (hidden sheet, comments, metadata, unreadable file);
    # `scan` passes them on unchanged.
    findings: tuple[Finding, ...] = ()
    # (table, row, column) when the text is one cell of a table (a sheet, a Word or HTML table, a CSV):
    # `scan` reads the table around it to tell a statistical figure from a telephone number.
    cell: tuple[str, int, int] | None = None


def extract_sources(filename: str, data: bytes) -> list[Source]:
    """Every piece of text in a file, labelled in Chinese. Never raises: a file that cannot be read
    yields a Source carrying an `unreadable_file` finding."""
    from ..extractors import extract

    return extract(filename, data)


# ---------------------------------------------------------------------------------------------------
# Masking and excerpts

_LONG_DIGITS = re.compile(r"\d{7,}[\dXx]?")


def _mask_context(text: str) -> str:
    # Context around a finding must not leak a neighbouring number the detectors did not claim.
    return _LONG_DIGITS.sub(lambda m: mask_middle(m.group(), 2, 2), text)


def _excerpt(line: str, start: int, end: int, shown: str) -> str:
    before = line[max(0, start - EXCERPT_CONTEXT) : start]
    after = line[end : end + EXCERPT_CONTEXT]
    prefix = "…" if start > EXCERPT_CONTEXT else ""
    suffix = "…" if end + EXCERPT_CONTEXT < len(line) else ""
    return f"{prefix}{_mask_context(before)}{shown}{_mask_context(after)}{suffix}".strip()
