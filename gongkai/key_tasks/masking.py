"""Anonymising accountability case notices (典型案例通报): names masked by one rule.

Rule: each name entered for the case becomes its surname followed by 某 (张三 → 张某, 欧阳明华 → 欧阳某);
resident ID, mobile and bank numbers found by the confidentiality scanner are masked as well. The
people concerned are private persons in a public notice (个人信息保护法 Arts. 13, 28; 条例 Art. 15).
"""

import re

from gongkai.confidentiality.scanner import Source, mask_middle, scan

COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "司徒",
        "夏侯",
        "令狐",
        "端木",
        "独孤",
        "南宫",
        "西门",
        "申屠",
        "轩辕",
    ]
)
PERSONAL_KINDS = frozenset({"resident_id", "mobile_number", "bank_card"})
_DIGIT_RUN = re.compile(r"(?<![0-9A-Za-z])\d(?:[\d -]{5,}\d)[\dXx]?(?![0-9A-Za-z])")


def masked_name(name: str) -> str:
    name = name.strip()
    if len(name) <= 1:
        return name
    surname = name[:2] if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else name[0]
    return surname + "某"


def names_of(persons: str) -> list[str]:
    """The names entered one per line, longest first (so 张三丰 is masked before 张三)."""
    names = {line.strip() for line in (persons or "").splitlines() if len(line.strip()) >= 2}
    return sorted(names, key=len, reverse=True)


def mask(text: str, persons: str) -> str:
    for name in names_of(persons):
        text = text.replace(name, masked_name(name))
    if any(f.kind in PERSONAL_KINDS for f in scan([Source(label="内容", text=text)])):
        text = _DIGIT_RUN.sub(lambda m: mask_middle(re.sub(r"\D", "", m.group(0)), 3, 4), text)
    return text


def leaked_names(text: str, persons: str) -> list[str]:
    return [name for name in names_of(persons) if name in text]
