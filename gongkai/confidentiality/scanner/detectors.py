"""The structural detectors: classification markings, resident ID numbers (GB 11643), unified social
credit codes, bank cards (Luhn + issuer prefix), mobile numbers (MIIT network numbers), the negative list."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

from stdnum import luhn
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError

from .. import figures
from ..detection import HIGH, LOW, MEDIUM, Claimed, LineContext, mask_middle, normalise
from ..lexicon import is_mobile_prefix

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
