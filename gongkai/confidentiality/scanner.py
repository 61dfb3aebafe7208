"""Confidentiality and privacy scan (保密审查自动检查), pure: no ORM, no settings, no clock.

`extract_sources` turns a file into labelled pieces of text (a paragraph, a cell, a page, a comment,
deleted text of a tracked change, document properties), and attaches findings about the container
itself (hidden sheet, comments, metadata, unreadable file). `scan` runs the detectors over the text.

Precision comes first (ADR 0008): a reviewer who sees ten false alarms stops reading the eleventh.
So every detector checks structure, not only shape — a resident ID needs the GB 11643 check digit, a
valid birth date and a known region; a bank card needs Luhn and a card-issuer prefix; a classification
marking needs the position or form of a marking (★, "密级：", a line of its own), never the bare word
("商业秘密" in a legal citation is not a marking).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

from stdnum import luhn
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError

HIGH = "high"
MEDIUM = "medium"
LOW = "low"
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
}
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


def extract_sources(filename: str, data: bytes) -> list[Source]:
    """Every piece of text in a file, labelled in Chinese. Never raises: a file that cannot be read
    yields a Source carrying an `unreadable_file` finding."""
    from .extractors import extract

    return extract(filename, data)


# ---------------------------------------------------------------------------------------------------
# Masking and excerpts

_LONG_DIGITS = re.compile(r"\d{7,}[\dXx]?")


def mask_middle(value: str, keep_start: int, keep_end: int) -> str:
    hidden = len(value) - keep_start - keep_end
    if hidden <= 0:
        return "*" * len(value)
    return value[:keep_start] + "*" * hidden + value[len(value) - keep_end :]


def _mask_context(text: str) -> str:
    # Context around a finding must not leak a neighbouring number the detectors did not claim.
    return _LONG_DIGITS.sub(lambda m: mask_middle(m.group(), 2, 2), text)


def _excerpt(line: str, start: int, end: int, shown: str) -> str:
    before = line[max(0, start - EXCERPT_CONTEXT) : start]
    after = line[end : end + EXCERPT_CONTEXT]
    prefix = "…" if start > EXCERPT_CONTEXT else ""
    suffix = "…" if end + EXCERPT_CONTEXT < len(line) else ""
    return f"{prefix}{_mask_context(before)}{shown}{_mask_context(after)}{suffix}".strip()


# ---------------------------------------------------------------------------------------------------
# Detectors. Each takes one line and the spans already claimed by an earlier detector, and yields
# (start, end, kind, severity, shown, detail).

_MARK = r"(?:绝密|机密|秘密)"
# Words in which 秘密/机密 is ordinary language or a legal category, never a marking.
_NOT_A_MARK_BEFORE = ("商业", "工作", "国家", "技术", "经营", "保守", "个人", "军事", "核心")
_STAR_FORM = re.compile(rf"{_MARK}\s*[★☆]\s*(?:\d+\s*(?:年|个月)|[一二三四五六七八九十]+年|长期)?")
_FIELD_FORM = re.compile(rf"密\s*级\s*[:：]?\s*[“\"「【\[]?\s*({_MARK})")
_LINE_FORM = re.compile(rf"^\s*[【\[（(]?({_MARK})[】\]）)]?(?:\s*$|\s{{2,}}|\s*[（(]?\s*\d+\s*年)")
_INTERNAL_LINE = re.compile(
    r"^\s*[【\[（(]?(内部资料|内部文件|内部使用|内部★|内部)[】\]）)]?(\s*注意保存)?\s*$"
)
_OPEN_QUOTES = "“\"「『《'‘"


def _marking(line: str):
    seen: set[tuple[int, int]] = set()
    for pattern in (_STAR_FORM, _FIELD_FORM, _LINE_FORM):
        for match in pattern.finditer(line):
            start, end = match.span()
            mark_start = match.start(1) if match.re.groups else start
            if any(line[:mark_start].endswith(word) for word in _NOT_A_MARK_BEFORE):
                continue
            if mark_start > 0 and line[mark_start - 1] in _OPEN_QUOTES and pattern is _STAR_FORM:
                continue  # a quoted mention such as 标注“秘密★”的文件, not a marking
            if any(a < end and start < b for a, b in seen):
                continue
            seen.add((start, end))
            marking = match.group().strip()
            yield (
                start,
                end,
                "classification_marking",
                HIGH,
                marking,
                f"疑似国家秘密密级标志“{marking}”。涉密信息不得公开（《保守国家秘密法》；条例第十四条）。",
            )
    match = _INTERNAL_LINE.match(line)
    if match:
        yield (
            match.start(1),
            match.end(),
            "classification_marking",
            MEDIUM,
            match.group().strip(),
            "“内部”标识：可能属于工作秘密或内部事务信息，请确认是否可以公开（条例第十六条）。",
        )


_RIC = re.compile(r"(?<![0-9A-Za-z])(\d{6}) ?(\d{8}) ?(\d{3}[0-9Xx])(?![0-9A-Za-z]|\.\d)")


def _id_shaped(number: str) -> bool:
    """An 18-digit number with a real region code and birth date — an ID whatever its check digit."""
    try:
        ric.get_birth_date(number)
        ric.get_birth_place(number)
    except (ValidationError, ValueError):
        return False
    return True


def _resident_id(line: str):
    for match in _RIC.finditer(line):
        number = "".join(match.groups()).upper()
        if ric.is_valid(number):
            yield (
                *match.span(),
                "resident_id",
                HIGH,
                mask_middle(number, 6, 4),
                "居民身份证号码（GB 11643 校验码、出生日期和地区码均有效）。属个人信息，"
                "不得公开（条例第十五条；《个人信息保护法》第二十八条）。",
            )
        # A number that fails the checksum is not an ID (precision first): nothing is reported.


_USCC = re.compile(r"(?<![0-9A-Za-z])([0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10})(?![0-9A-Za-z])")


def _known_area(code: str) -> bool:
    from stdnum import numdb

    return any(props.get("county") for _, props in numdb.get("cn/loc").info(code))


def _credit_code(line: str):
    for match in _USCC.finditer(line):
        code = match.group(1)
        # The checksum alone lets one in 31 random 18-character strings through: also require a real
        # administrative-division code, and for an all-digit string the words 信用代码 just before it.
        if not (uscc.is_valid(code) and _known_area(code[2:8])):
            continue
        if code.isdigit() and "代码" not in line[max(0, match.start() - 12) : match.start()]:
            continue
        yield (
            *match.span(),
            "credit_code",
            LOW,
            code,
            "统一社会信用代码（GB 32100，校验位有效）。属公开信息，通常可以公开，仅供核对。",
        )


_CARD = re.compile(r"(?<![\d.])(\d{4}(?:[ -]?\d{4}){3}(?:[ -]?\d{1,3})?)(?!\d|\.\d)")
_CARD_CONTEXT = re.compile(r"卡号|账号|帐号|账户|帐户|银行|开户|银联|信用卡|借记卡|储蓄卡|收款")


def _bank_card(line: str):
    for match in _CARD.finditer(line):
        digits = re.sub(r"\D", "", match.group(1))
        if not 16 <= len(digits) <= 19 or digits[0] not in "3456" or not luhn.is_valid(digits):
            continue
        if len(digits) == 18 and (_id_shaped(digits) or uscc.is_valid(digits)):
            continue  # an ID or credit code, reported (or deliberately not) by its own detector
        start, end = match.span()
        in_context = bool(_CARD_CONTEXT.search(line[max(0, start - 15) : start]))
        yield (
            start,
            end,
            "bank_card",
            HIGH if in_context else MEDIUM,
            mask_middle(digits, 4, 4),
            "银行卡号（Luhn 校验有效）"
            + ("，前文有“卡号/账号/银行”等字样" if in_context else "")
            + "。金融账户属敏感个人信息，不得公开（《个人信息保护法》第二十八条；条例第十五条）。",
        )


_MOBILE = re.compile(r"(?<![0-9A-Za-z])(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d|\.\d)")


def _mobile(line: str):
    for match in _MOBILE.finditer(line):
        number = "".join(match.groups())
        if number[3:].count("0") >= 6:
            continue  # 15000000000 is a round quantity, not a phone
        yield (
            *match.span(),
            "mobile_number",
            MEDIUM,
            mask_middle(number, 3, 4),
            "手机号码。属个人信息；如为对外公布的工作联系电话可忽略（条例第十五条）。",
        )


def _negative(line: str, terms: Sequence[tuple[str, str]]):
    folded = line.casefold()
    for term, basis in terms:
        needle = term.strip().casefold()
        if len(needle) < 2:
            continue  # one character matches everything
        start = folded.find(needle)
        while start != -1:
            end = start + len(needle)
            yield (
                start,
                end,
                "negative_term",
                HIGH,
                line[start:end],
                f"命中负面清单词语“{term.strip()}”"
                + (f"（依据：{basis}）" if basis else "")
                + "。请确认本信息不属于不予公开的事项。",
            )
            start = folded.find(needle, end)


def _detections(line: str, terms):
    claimed: list[tuple[int, int]] = []
    # Order matters: an ID is claimed before the bank-card and mobile detectors look at its digits.
    for detector in (_marking, _resident_id, _credit_code, _bank_card, _mobile):
        for hit in detector(line):
            start, end = hit[0], hit[1]
            if any(a < end and start < b for a, b in claimed):
                continue
            claimed.append((start, end))
            yield hit
    yield from _negative(line, terms)


def scan(sources: Sequence[Source], *, negative_terms: Iterable[tuple[str, str]] = ()) -> list[Finding]:
    """The findings in the sources, ordered by severity and then by position."""
    terms = [(term, basis) for term, basis in negative_terms if term and term.strip()]
    findings: list[Finding] = []
    seen: set[tuple[str, str, str]] = set()
    per_kind: dict[str, int] = {}

    def add(finding: Finding) -> None:
        key = (finding.kind, finding.location, finding.excerpt)
        if key in seen:
            return
        seen.add(key)
        per_kind[finding.kind] = per_kind.get(finding.kind, 0) + 1
        if per_kind[finding.kind] <= MAX_FINDINGS_PER_KIND:
            findings.append(finding)

    for source in sources:
        for finding in source.findings:
            add(finding)
        lines = (source.text or "").split("\n")
        numbered = len([line for line in lines if line.strip()]) > 1
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            location = f"{source.label} 第{number}行" if numbered else source.label
            for start, end, kind, severity, shown, detail in _detections(line, terms):
                add(Finding(kind, severity, location, _excerpt(line, start, end, shown), detail))

    for kind, count in per_kind.items():
        if count > MAX_FINDINGS_PER_KIND:
            worst = min((f.severity for f in findings if f.kind == kind), key=SEVERITY_ORDER.get)
            findings.append(
                Finding(
                    kind,
                    worst,
                    "多处",
                    "",
                    f"另有 {count - MAX_FINDINGS_PER_KIND} 处同类内容未逐一列出，请人工检查全文。",
                )
            )
    findings.sort(key=lambda f: SEVERITY_ORDER.get(f.severity, 9))  # stable: position order kept
    return findings


# ---------------------------------------------------------------------------------------------------
# Rich-text bodies


class _TextOfHtml(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "pre"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append("\t")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Plain text of a sanitised rich-text body, one block per line, for a Source such as "正文"."""
    parser = _TextOfHtml()
    parser.feed(html or "")
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


# ---------------------------------------------------------------------------------------------------
# Masking for publication

# The kinds whose every occurrence is replaced by its masked form before a text is shown to the public.
PERSONAL_KINDS = frozenset({"resident_id", "bank_card", "mobile_number"})


def mask_personal_data(text: str) -> str:
    """The text with every ID number, bank card and mobile number the scan detects masked as the scan
    shows it (e.g. 350102********1234); everything else untouched."""
    out_lines = []
    for line in (text or "").split("\n"):
        hits = sorted(
            (start, end, shown)
            for start, end, kind, _severity, shown, _detail in _detections(line, ())
            if kind in PERSONAL_KINDS
        )
        for start, end, shown in reversed(hits):
            line = line[:start] + shown + line[end:]
        out_lines.append(line)
    return "\n".join(out_lines)
