"""Detectors of personal data besides ID, card and mobile numbers: e-mail addresses of persons, passport
and travel-permit numbers, vehicle plates, home landlines next to a name (issue 11 item 20; ADR 0021).

Each detector takes the normalised line and its LineContext and yields
(start, end, kind, severity, shown, detail) like the detectors in scanner.py.
"""

from __future__ import annotations

import re

from .detection import HIGH, MEDIUM, LineContext, mask_middle
from .lexicon import (
    COMPOUND_SURNAMES,
    FREE_MAIL_DOMAINS,
    INSTITUTIONAL_SUFFIXES,
    OFFICIAL_TITLES,
    PINYIN_SYLLABLES,
    PLACE_OR_ORGANISATION_ENDINGS,
    ROLE_LOCAL_PARTS,
    SURNAME_PINYIN,
    SURNAMES,
)

PERSONAL_INFO = "属个人信息，不得公开（条例第十五条；《个人信息保护法》第二十八条）"
CONTEXT_WINDOW = 16


def _before(line: str, start: int, width: int = CONTEXT_WINDOW) -> str:
    return line[max(0, start - width) : start]


# ---------------------------------------------------------------------------------------------------
# E-mail addresses

_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])([A-Za-z0-9](?:[A-Za-z0-9._%+\-]{0,62}[A-Za-z0-9_])?)@"
    r"((?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24})(?![A-Za-z0-9\-])",
    re.ASCII,
)


def _pinyin_syllables(word: str) -> int:
    """How many pinyin syllables `word` splits into (0 if it cannot be split), shortest split."""
    best = [0] + [99] * len(word)
    for end in range(1, len(word) + 1):
        for size in range(1, min(6, end) + 1):
            if word[end - size : end] in PINYIN_SYLLABLES and best[end - size] + 1 < best[end]:
                best[end] = best[end - size] + 1
    return best[-1] if best[-1] < 99 else 0


def _pinyin_name(word: str) -> bool:
    """zhangsan, wangxiaoming, ouyangfeng: 2-4 syllables beginning or ending with a surname."""
    if not 3 <= len(word) <= 20 or word in ROLE_LOCAL_PARTS:
        return False
    for size in range(2, 9):
        head, tail = word[:size], word[-size:]
        if head in SURNAME_PINYIN and 1 <= _pinyin_syllables(word[size:]) <= 3:
            return True
        if tail in SURNAME_PINYIN and 1 <= _pinyin_syllables(word[:-size]) <= 3:
            return True
    return False


def name_like_local_part(local: str) -> bool:
    """A local part that names a person: pinyin of a Chinese name (zhangsan, zhang.san, san_zhang) or
    given-name.family-name (john.smith); not a function (office, xxgk, kefu)."""
    lowered = local.casefold()
    tokens = [t for t in re.split(r"[._\-+]", re.sub(r"\d+", " ", lowered).replace(" ", ".")) if t]
    if not tokens or any(t in ROLE_LOCAL_PARTS for t in tokens):
        return False
    joined = "".join(tokens)
    if _pinyin_name(joined):
        return True
    return len(tokens) == 2 and all(t.isalpha() and len(t) >= 2 for t in tokens)


def email_is_institutional(domain: str, own_domains: frozenset[str]) -> bool:
    domain = domain.casefold()
    if any(domain == s or domain.endswith("." + s) for s in INSTITUTIONAL_SUFFIXES):
        return True
    return any(domain == d or domain.endswith("." + d) for d in own_domains)


def mask_email(local: str, domain: str) -> str:
    return f"{mask_middle(local, 1, 1) if len(local) > 2 else '*' * len(local)}@{domain}"


def personal_email(line: str, context: LineContext):
    for match in _EMAIL.finditer(line):
        local, domain = match.group(1), match.group(2).casefold()
        if email_is_institutional(domain, context.own_domains):
            continue
        free = domain in FREE_MAIL_DOMAINS
        if not (free or name_like_local_part(local)):
            continue  # info@company.com, xxgk@school.edu.cn: an institution's address
        why = "免费或个人邮箱服务" if free else "邮箱名为人名"
        yield (
            *match.span(),
            "personal_email",
            MEDIUM,
            mask_email(local, domain),
            f"个人电子邮箱（{why}）。{PERSONAL_INFO}；机关、单位的公务邮箱不在此列。",
        )


# ---------------------------------------------------------------------------------------------------
# Passports and travel permits (公安部出入境管理局 number formats)

_LETTER = "A-HJ-NP-Z"  # I and O are not used in these numbers
_PASSPORT = re.compile(
    rf"(?<![0-9A-Za-z])(E[0-9]{{8}}|E[{_LETTER}][0-9]{{7}}|G[0-9]{{8}}|[DSP]E[0-9]{{7}})(?![0-9A-Za-z])"
)
_HK_MACAO = re.compile(
    rf"(?<![0-9A-Za-z])(C[0-9]{{8}}|C[{_LETTER}][0-9]{{7}}|[HM][0-9]{{10}}|[HM][0-9]{{8}}|W[0-9]{{8}})"
    r"(?![0-9A-Za-z])"
)
_TAIWAN = re.compile(
    r"(?<![0-9A-Za-z])(L[0-9]{8}|T[0-9]{8}|[0-9]{10}(?:\s*[(（]?[A-Z][)）]?)?|[0-9]{8})(?![0-9A-Za-z])"
)

_PASSPORT_WORDS = re.compile(r"护照|passport|证件|证号", re.IGNORECASE)
_HK_MACAO_WORDS = re.compile(r"港澳|通行证|回乡证|双程证|证件|证号")
_TAIWAN_WORDS = re.compile(r"台胞证|台湾居民来往大陆通行证|往来台湾通行证|台湾通行证|赴台|入台证|大通证")


def _plausible_serial(number: str) -> bool:
    digits = re.sub(r"\D", "", number)
    return len(set(digits)) > 1 and digits.count("0") < len(digits) - 2


def _looks_like_a_date(number: str) -> bool:
    """20301231: a date (有效期至…), not a document number."""
    if len(number) != 8 or not number.isdigit() or number[:2] not in ("19", "20"):
        return False
    month, day = int(number[4:6]), int(number[6:8])
    return 1 <= month <= 12 and 1 <= day <= 31


def _travel_document(line, pattern, kind, label, words, *, bare_ok=lambda number: True):
    for match in pattern.finditer(line):
        number = match.group(1)
        if not _plausible_serial(number) or _looks_like_a_date(number):
            continue
        in_context = bool(words.search(_before(line, match.start(), 20)))
        if not in_context:
            previous = line[match.start() - 1] if match.start() else " "
            if not bare_ok(number) or "\u4e00" <= previous <= "\u9fff":
                continue  # 国药准字H20230001, 型号E12345678: a code glued to its word, not a document
        yield (
            *match.span(),
            kind,
            HIGH if in_context else MEDIUM,
            mask_middle(re.sub(r"\s", "", number), 2, 2),
            f"{label}"
            + ("（前文有证件名称）" if in_context else "（号码格式相符）")
            + f"。身份证件号码{PERSONAL_INFO}。",
        )


def passport(line: str, context: LineContext):
    yield from _travel_document(line, _PASSPORT, "passport", "护照号码", _PASSPORT_WORDS)


def hk_macao_permit(line: str, context: LineContext):
    # A booklet (W…) number needs the name of the permit before it; card numbers are distinctive.
    yield from _travel_document(
        line,
        _HK_MACAO,
        "hk_macao_permit",
        "港澳通行证号码",
        _HK_MACAO_WORDS,
        bare_ok=lambda number: number[0] in "CHM",
    )


def taiwan_permit(line: str, context: LineContext):
    # Only L… (大陆居民往来台湾通行证, card) stands on its own; the digit-only 台胞证 numbers need the name.
    yield from _travel_document(
        line,
        _TAIWAN,
        "taiwan_permit",
        "台湾通行证号码",
        _TAIWAN_WORDS,
        bare_ok=lambda number: number[0] == "L",
    )


# ---------------------------------------------------------------------------------------------------
# Vehicle plates (GA 36-2018): 省、自治区、直辖市简称 + 发牌机关代号 + 序号

PROVINCE_ABBREVIATIONS = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE = re.compile(
    rf"(?<![0-9A-Za-z])([{PROVINCE_ABBREVIATIONS}])\s?([A-Z])\s?[·•∙.\-]?\s?"
    rf"([DF][{_LETTER}0-9][0-9]{{4}}|[0-9]{{5}}[DF]|[{_LETTER}0-9]{{5}}|[{_LETTER}0-9]{{4}}[挂学警港澳试超领])"
    r"(?![0-9A-Za-z])"
)


_PLATE_WORDS = re.compile(r"车牌|号牌|车号|牌照|车辆|机动车|驾驶|轿车|货车|客车|摩托车|车主|停放|肇事")
# Characters that may stand right before a plate in running text (他的闽A12345, 号牌为粤B12345D);
# any other Chinese character makes the abbreviation part of a word (创新, 北京, 安宁).
_BEFORE_PLATE = set('的为是号辆牌车将把被与和及在有驶乘停：:，,、；;（(“"「【[ ')


def vehicle_plate(line: str, context: LineContext):
    for match in _PLATE.finditer(line):
        serial = match.group(3)
        if len(serial) == 5 and sum(ch.isdigit() for ch in serial) < 3:
            continue  # an ordinary serial has at most two letters
        start = match.start()
        previous = line[start - 1] if start else " "
        if (
            "\u4e00" <= previous <= "\u9fff"
            and previous not in _BEFORE_PLATE
            and not _PLATE_WORDS.search(_before(line, start, 12))
        ):
            continue
        plate = match.group(1) + match.group(2) + serial
        yield (
            *match.span(),
            "vehicle_plate",
            MEDIUM,
            mask_middle(plate, 2, 2),
            f"机动车号牌号码。可以识别车主，{PERSONAL_INFO}。",
        )


# ---------------------------------------------------------------------------------------------------
# Home landlines next to a person's name

_LANDLINE = re.compile(
    r"(?<![0-9A-Za-z])(?<![0-9]\.)\(?(010|02[0-9]|0[3-9][0-9]{2})\)?[ \-]?([2-9][0-9]{2,3})[ \-]?([0-9]{4})"
    r"(?![0-9A-Za-z]|\.[0-9])",
    re.ASCII,
)
_HOME_WORDS = re.compile(r"住宅|家庭|家中|家里|宅电|住家|私人电话|私宅|家(?:用)?(?:电话|座机|固话)")
_WORK_WORDS = re.compile(
    r"办公|单位|咨询|举报|投诉|监督|服务|热线|传真|值班|联系人|经办人|受理|工作|报名|业务|查询|中心|机关"
)
_TRAILING_LABEL = re.compile(
    r"(?:[\s:：,，、;；()（）\-]|电话号码|联系电话|电话|固话|座机|号码|是|为|的|tel|Tel|TEL)+$"
)
_PERSON_LABELS = (
    "姓名",
    "户主",
    "申请人",
    "当事人",
    "本人",
    "住户",
    "居民",
    "家属",
    "被调查人",
    "调查对象",
    "村民",
)
_HAN = re.compile(r"[\u4e00-\u9fff]+$")


def _name(word: str) -> bool:
    if word.endswith(OFFICIAL_TITLES) or word[-1] in PLACE_OR_ORGANISATION_ENDINGS:
        return False
    surname = word[:2] if word[:2] in COMPOUND_SURNAMES else word[:1]
    if surname not in SURNAMES and surname not in COMPOUND_SURNAMES:
        return False
    return len(word) - len(surname) in (1, 2)


def person_name_at_end(text: str) -> str | None:
    """The personal name that `text` ends with (张三, 欧阳明明, 我是李四 → 李四), or None. The name is the
    last two to four Chinese characters: a common surname and one or two more, not a place or an
    office (鼓楼区, 统计局) and not a form of address for an official (林女士, 王科长)."""
    run = _HAN.search(text)
    if not run:
        return None
    word = run.group()
    if word.endswith(OFFICIAL_TITLES) or word[-1] in PLACE_OR_ORGANISATION_ENDINGS:
        return None
    for size in (2, 3, 4):
        if len(word) >= size and _name(word[-size:]):
            return word[-size:]
    return None


_OPENING_BRACKET = re.compile(r"^\s*[(（]\s*")  # 0591-87654321（咨询）: a note on this number
# 0591-87654321（住宅）, 0591-87654321（张三家）
_HOME_AFTER = re.compile(
    r"[\s(（]*(?:住宅|家庭|家中|宅电|[\u4e00-\u9fff]{2,4}家[)）\s,，。;；]|[\u4e00-\u9fff]{2,4}家$)"
)
_NAME_AFTER = re.compile(r"^[\s(（:：,，]*([\u4e00-\u9fff]{2,4})(?:[)）\s,，。;；、]|$)")


def _name_after(text: str) -> str | None:
    """The personal name right after a number (0591-87654321（张三）, 0591-87654321 李四。)."""
    match = _NAME_AFTER.match(text)
    return match.group(1) if match and _name(match.group(1)) else None


def home_landline(line: str, context: LineContext):
    for match in _LANDLINE.finditer(line):
        before = _before(line, match.start(), 24)
        near = before[-12:]
        home = bool(_HOME_WORDS.search(near))
        after = line[match.end() : match.end() + 12]
        home = home or bool(_HOME_AFTER.match(after))
        if not home:
            if _WORK_WORDS.search(before) or _WORK_WORDS.match(_OPENING_BRACKET.sub("", after)):
                continue
            name_before = person_name_at_end(_TRAILING_LABEL.sub("", before))
            if name_before is None and _name_after(after) is None:
                continue
        area, local = match.group(1), match.group(2) + match.group(3)
        yield (
            *match.span(),
            "home_landline",
            MEDIUM,
            f"{area}-{mask_middle(local, 0, 4)}",
            ("住宅电话（前文有“住宅/家庭电话”字样）" if home else "紧随个人姓名的固定电话，疑似住宅电话")
            + f"。{PERSONAL_INFO}；机关的办公、咨询电话不在此列。",
        )


DETECTORS = (passport, hk_macao_permit, taiwan_permit, vehicle_plate, personal_email, home_landline)
