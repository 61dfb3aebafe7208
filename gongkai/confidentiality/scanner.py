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

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

from stdnum import luhn
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError

from . import figures, personal
from .detection import HIGH, LOW, MEDIUM, Claimed, LineContext, mask_middle, normalise
from .lexicon import is_mobile_prefix

__all__ = ["HIGH", "LOW", "MEDIUM", "Finding", "Source", "extract_sources", "mask_middle", "scan"]

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
    from .extractors import extract

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


def _marking(line: str, context: LineContext):
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


# Resident identity numbers (GB 11643-1999). Separators are allowed where people put them: between
# region, year, month-day and sequence (110105 19491231 002X, 110105-19491231-002X, 110105 1949 1231
# 002X), one kind of separator per number; or in groups of four (1101 0519 4912 3100 2X).
_RIC = re.compile(
    r"(?<![0-9A-Za-z])(?<!\d\.)(\d{6})([ \-]?)(\d{4})([ \-]?)(\d{4})([ \-]?)(\d{3}[0-9Xx])(?![0-9A-Za-z]|\.\d)",
    re.ASCII,
)
_RIC_FOURS = re.compile(
    r"(?<![0-9A-Za-z])(?<!\d\.)(\d{4})([ \-])(\d{4})\2(\d{4})\2(\d{4})\2(\d[0-9Xx])(?![0-9A-Za-z]|\.\d)",
    re.ASCII,
)
# First-generation (1984-2004) numbers: region, YYMMDD, sequence; no check digit.
_RIC15 = re.compile(
    r"(?<![0-9A-Za-z])(?<!\d\.)(\d{6})([ \-]?)(\d{6})([ \-]?)(\d{3})(?![0-9A-Za-z]|\.\d)", re.ASCII
)
_ID_WORDS = re.compile(r"身份证|公民身份|身份号码|证件号|证号|ID", re.IGNORECASE)
# Words before a 15-digit number that make it some other register number.
_NOT_ID_WORDS = re.compile(
    r"注册号|税号|纳税人|信用代码|账号|帐号|卡号|编号|流水号|订单|单号|批号|代码|文号|索引号"
)
GB11643_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
EARLIEST_BIRTH_YEAR = 1880  # a living person's ID; later bounds need a clock, which this module has not


def gb11643_check_digit(first17: str) -> str:
    """The check character of GB 11643-1999 (ISO 7064 MOD 11-2)."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, GB11643_WEIGHTS, strict=True))
    return "10X98765432"[total % 11]


def _birth_date(year: int, month: int, day: int) -> bool:
    if not EARLIEST_BIRTH_YEAR <= year <= 2099:
        return False
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _separators_agree(*separators: str) -> bool:
    return len({s for s in separators if s}) <= 1


def _region(number: str) -> str | None:
    """Province/county of the region code, or None when the lookup table does not know it."""
    try:
        place = ric.get_birth_place(number) if len(number) == 18 else None
    except (ValidationError, ValueError):
        place = None
    if place is None:
        from stdnum import numdb

        info = {k: v for _, props in numdb.get("cn/loc").info(number[:6]) for k, v in props.items()}
        if not info.get("county"):
            return None
        place = info
    county = place.get("county", "").split(",")[0]
    return (place.get("province", "") + re.sub(r"^\[[^\]]*\]", "", county)) or None


def resident_id_number(candidate: str) -> bool:
    """An 18-character number with a valid GB 11643 check digit and a valid birth date. The region code
    is not a condition: a new, an abolished or a 港澳台/外国人 code is still an ID number."""
    number = candidate.upper()
    if len(number) != 18 or not number[:17].isdigit():
        return False
    if gb11643_check_digit(number[:17]) != number[17]:
        return False
    return _birth_date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def _id_shaped(number: str) -> bool:
    """An 18-digit number with a real region code and birth date — an ID whatever its check digit."""
    try:
        ric.get_birth_date(number)
        ric.get_birth_place(number)
    except (ValidationError, ValueError):
        return False
    return True


_ID_DETAIL = "居民身份证号码（GB 11643 {what}）{where}。属个人信息，不得公开（条例第十五条；《个人信息保护法》第二十八条）。"


def _region_note(number: str) -> str:
    region = _region(number)
    if region:
        return f"，地区码 {number[:6]}（{region}）"
    if number[:2] in ("81", "82", "83"):
        return f"，地区码 {number[:6]} 为港澳台居民居住证号码"
    if number[0] == "9":
        return "，疑似外国人永久居留身份证号码"
    return f"，地区码 {number[:6]} 不在行政区划代码表中（已撤销、新设或填写有误的地区码仍可能是真实号码）"


def _resident_id(line: str, context: LineContext):
    seen = Claimed()
    for match in (*_RIC.finditer(line), *_RIC_FOURS.finditer(line)):
        separators = match.groups()[1::2] if match.re is _RIC else (match.group(2),)
        if not _separators_agree(*separators):
            continue
        number = "".join(g for g in match.groups() if g and g not in " -").upper()
        if not resident_id_number(number) or seen.overlaps(*match.span()):
            continue
        seen.add(*match.span())
        yield (
            *match.span(),
            "resident_id",
            HIGH,
            mask_middle(number, 6, 4),
            _ID_DETAIL.format(what="校验码和出生日期有效", where=_region_note(number)),
        )
        # A number that fails the checksum is not an ID (precision first): nothing is reported.
    for match in _RIC15.finditer(line):
        if not _separators_agree(match.group(2), match.group(4)):
            continue
        number = match.group(1) + match.group(3) + match.group(5)
        before = line[max(0, match.start() - 16) : match.start()]
        if _NOT_ID_WORDS.search(before) or len(set(number)) < 3:
            continue
        if not _birth_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12])):
            continue
        region = _region(number)
        if region is None and not _ID_WORDS.search(before):
            continue  # no check digit: a 15-digit number needs a real region code or the word 身份证
        yield (
            *match.span(),
            "resident_id",
            HIGH,
            mask_middle(number, 6, 3),
            "第一代居民身份证号码（15 位：地区码、出生年月日、顺序码"
            + (f"；地区码 {number[:6]}（{region}）" if region else "；前文有“身份证”字样")
            + "）。属个人信息，不得公开（条例第十五条；《个人信息保护法》第二十八条）。",
        )


_USCC = re.compile(r"(?<![0-9A-Za-z])([0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10})(?![0-9A-Za-z])")


def _known_area(code: str) -> bool:
    from stdnum import numdb

    return any(props.get("county") for _, props in numdb.get("cn/loc").info(code))


def _credit_code(line: str, context: LineContext):
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


def _bank_card(line: str, context: LineContext):
    for match in _CARD.finditer(line):
        digits = re.sub(r"\D", "", match.group(1))
        if not 16 <= len(digits) <= 19 or digits[0] not in "3456" or not luhn.is_valid(digits):
            continue
        if len(digits) == 18 and (_id_shaped(digits) or resident_id_number(digits) or uscc.is_valid(digits)):
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


# Mobile numbers: 11 digits behind an optional +86/0086/(86), written whole or as 3-4-4 with spaces or
# hyphens (138 0013 8000, 138-0013-8000).
_MOBILE = re.compile(
    r"(?<![0-9A-Za-z+])(?<!\d\.)(?:(?:\+|00)86[ \-]?|\(\+?86\)[ \-]?|86[ \-])?(1\d{2})[ \-]?(\d{4})[ \-]?(\d{4})"
    r"(?![0-9A-Za-z]|\.\d)",
    re.ASCII,
)
_MOBILE_BARE_86 = re.compile(r"(?<![0-9A-Za-z+])(?<!\d\.)86(1\d{10})(?![0-9A-Za-z]|\.\d)", re.ASCII)
# A label right before the number makes it a telephone number whatever follows (手机：13812345678万先生).
_PHONE_LABEL = re.compile(
    r"(?:电话|手机|手机号|联系方式|移动电话|电话号码|联系号码|tel|mobile|phone)\s*(?:号码|号)?\s*[:：]?\s*$",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(r"(?:[¥￥$]|人民币|RMB|金额|产值|收入|总值)\s*[:：]?\s*$", re.IGNORECASE)


def _mobile(line: str, context: LineContext):
    for match in (*_MOBILE.finditer(line), *_MOBILE_BARE_86.finditer(line)):
        number = "".join(match.groups())
        if not is_mobile_prefix(number):
            continue  # 154…, 140…, 12…: not a network number allocated to mobiles (MIIT)
        if number[3:].count("0") >= 6:
            continue  # 15000000000 is a round quantity, not a phone
        start, end = match.span()
        if context.in_figure(start, end):
            continue  # a numeric cell of a statistical table
        before = line[max(0, start - 12) : start]
        if not _PHONE_LABEL.search(before) and (
            figures.has_unit_after(line, end) or _CURRENCY_BEFORE.search(before)
        ):
            continue  # 13812345678元, ￥13812345678: a figure
        yield (
            start,
            end,
            "mobile_number",
            MEDIUM,
            mask_middle(number, 3, 4),
            "手机号码（号段为工业和信息化部分配的移动通信网号）。属个人信息；"
            "如为对外公布的工作联系电话可忽略（条例第十五条）。",
        )


def _negative(line: str, terms: Sequence[tuple[str, str]]):
    folded = line.casefold()
    for term, basis in terms:
        needle = normalise(term.strip()).casefold()
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


DETECTORS = (_marking, _resident_id, _credit_code, _bank_card, _mobile, *personal.DETECTORS)


_NO_CONTEXT = LineContext()


def _detections(line: str, terms, context: LineContext = _NO_CONTEXT):
    """(start, end, kind, severity, shown, detail) of every finding in one line."""
    line = normalise(line)
    claimed = Claimed()
    # Order matters: an ID is claimed before the bank-card and mobile detectors look at its digits.
    for detector in DETECTORS:
        for hit in detector(line, context):
            start, end = hit[0], hit[1]
            if claimed.overlaps(start, end):
                continue
            claimed.add(start, end)
            yield hit
    yield from _negative(line, terms)


def _figure_sources(sources: Sequence[Source]) -> set[int]:
    """Indexes of the cell sources that are statistical figures (the whole text is the cell)."""
    tables: dict[str, dict[tuple[int, int], list[tuple[int, str]]]] = {}
    for index, source in enumerate(sources):
        if source.cell and source.text:
            table, row, column = source.cell
            tables.setdefault(table, {}).setdefault((row, column), []).append((index, source.text))
    figure_sources: set[int] = set()
    for cells in tables.values():
        joined = {position: " ".join(text for _, text in parts) for position, parts in cells.items()}
        for position in figures.figure_cells(joined):
            figure_sources.update(index for index, _ in cells[position])
    return figure_sources


def _tab_figure_spans(lines: list[str]) -> dict[int, list[tuple[int, int]]]:
    """Figure cells of tab-separated blocks of lines (HTML tables as text, TSV): {line number: spans}."""
    spans: dict[int, list[tuple[int, int]]] = {}
    block: list[tuple[int, str]] = []
    for index, line in enumerate([*lines, ""]):
        if "\t" in line:
            block.append((index, line))
            continue
        if block:
            cells = figures.tab_table(block)
            for position in figures.figure_cells({p: text for p, (_, _, text) in cells.items()}):
                line_index, start, text = cells[position]
                spans.setdefault(line_index, []).append((start, start + len(text)))
            block = []
    return spans


def scan(
    sources: Sequence[Source],
    *,
    negative_terms: Iterable[tuple[str, str]] = (),
    own_domains: Iterable[str] = (),
) -> list[Finding]:
    """The findings in the sources, ordered by severity and then by position. `own_domains` are the
    agency's own e-mail domains (its addresses are not personal data)."""
    terms = [(term, basis) for term, basis in negative_terms if term and term.strip()]
    domains = frozenset(d.strip().casefold().lstrip("@") for d in own_domains if d and d.strip())
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

    figure_sources = _figure_sources(sources)
    for index, source in enumerate(sources):
        for finding in source.findings:
            add(finding)
        lines = (source.text or "").split("\n")
        numbered = len([line for line in lines if line.strip()]) > 1
        tab_spans = _tab_figure_spans(lines)
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            # a cell of a statistical table is a figure as a whole; a tab-separated line (an HTML table
            # as text) or a row of numbers (a PDF table) in parts
            if index in figure_sources:
                spans = ((0, len(line)),)
            elif "\t" in line:
                spans = tuple(tab_spans.get(number - 1, ()))
            else:
                spans = tuple(figures.row_figure_spans(line))
            context = LineContext(figure_spans=tuple(sorted(spans)), own_domains=domains)
            location = f"{source.label} 第{number}行" if numbered else source.label
            hits = list(_detections(line, terms, context))
            # The context of one finding must not show another finding's number in clear.
            characters = list(line)
            for start, end, kind, *_ in hits:
                if kind in PERSONAL_KINDS:
                    characters[start:end] = mask_middle(line[start:end], 2, 2)
            shown_line = "".join(characters)
            for start, end, kind, severity, shown, detail in hits:
                add(Finding(kind, severity, location, _excerpt(shown_line, start, end, shown), detail))

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


def mask_personal_data(text: str, kinds: Iterable[str] = PERSONAL_KINDS) -> tuple[str, list[str]]:
    """(text with every personal-data finding of `kinds` replaced by its masked form, the kinds found).
    Used before a citizen's message or comment is published; the text is unchanged when nothing is found."""
    wanted = frozenset(kinds)
    found: set[str] = set()
    out: list[str] = []
    for line in (text or "").split("\n"):
        hits = sorted(
            (hit for hit in _detections(line, ()) if hit[2] in wanted), key=lambda hit: hit[0], reverse=True
        )
        pieces = []
        for start, end, kind, _severity, shown, _detail in hits:  # from the end: positions stay valid
            pieces.append(line[end:])
            pieces.append(shown)
            line = line[:start]
            found.add(kind)
        out.append(line + "".join(reversed(pieces)))
    return ("\n".join(out) if found else text), sorted(found)


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
    """Plain text of a sanitised rich-text body, one block per line (table cells apart by tabs), for a
    Source such as "正文"."""
    parser = _TextOfHtml()
    parser.feed(html or "")
    parser.close()
    lines = (
        "\t".join(" ".join(cell.split()) for cell in line.split("\t")).strip("\t ")
        for line in "".join(parser.parts).split("\n")
    )
    return "\n".join(line for line in lines if line)


class _HtmlTables(HTMLParser):
    """Text outside tables as lines, and every table cell with its (table, row, column)."""

    BLOCKS = _TextOfHtml.BLOCKS - {"table", "tr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.tables = 0
        self.stack: list[dict] = []  # open tables: number, row, column, the open cell's text
        self.cells: list[tuple[int, int, int, str]] = []

    def _close_cell(self) -> None:
        table = self.stack[-1] if self.stack else None
        if table and table["text"] is not None:
            text = " ".join("".join(table["text"]).split())
            if text:
                self.cells.append((table["number"], table["row"], table["column"], text))
            table["text"] = None

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skipping += 1
        elif tag == "table":
            self.tables += 1
            self.stack.append({"number": self.tables, "row": 0, "column": 0, "span": 1, "text": None})
        elif tag == "tr" and self.stack:
            self._close_cell()
            self.stack[-1].update(row=self.stack[-1]["row"] + 1, column=0, span=1)
        elif tag in ("td", "th") and self.stack:
            self._close_cell()
            table = self.stack[-1]
            span = dict(attrs).get("colspan") or "1"
            table["column"] += table["span"] if table["column"] else 1
            table["span"] = int(span) if span.isdigit() and 0 < int(span) < 1000 else 1
            table["row"] = table["row"] or 1
            table["text"] = []
        elif tag in self.BLOCKS or tag == "br":
            self._text("\n" if not self._in_cell() else " ")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skipping = max(0, self.skipping - 1)
        elif tag == "table" and self.stack:
            self._close_cell()
            self.stack.pop()
            self.parts.append("\n")
        elif tag in ("td", "th") and self.stack:
            self._close_cell()
        elif tag in self.BLOCKS:
            self._text("\n" if not self._in_cell() else " ")

    def _in_cell(self) -> bool:
        return bool(self.stack) and self.stack[-1]["text"] is not None

    def _text(self, data: str) -> None:
        if self._in_cell():
            self.stack[-1]["text"].append(data)
        elif not self.stack:
            self.parts.append(data)

    def handle_data(self, data):
        if not self.skipping:
            self._text(data)


def html_sources(label: str, html: str) -> list[Source]:
    """A rich-text body as Sources: its text outside tables (one block per line, like html_to_text) and
    one Source per table cell ("正文表1第2行第3列"), so that numbers in a statistical table are read
    with their header and unit."""
    parser = _HtmlTables()
    parser.feed(html or "")
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    text = "\n".join(line for line in lines if line)
    sources = [Source(label, text)] if text else []
    for table, row, column, cell_text in parser.cells:
        sources.append(
            Source(
                f"{label}表{table}第{row}行第{column}列", cell_text, cell=(f"{label}表{table}", row, column)
            )
        )
    return sources
