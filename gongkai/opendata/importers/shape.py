"""The parsed shape every parser yields (no ORM), and what the parsers share: numbers, area
parents, short codes, CSV reading."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

NATIONAL_AREA = ("000000", "全国")
STATUS_WORDS = {"": "F", "F": "F", "最终": "F", "正式": "F", "P": "P", "初步": "P", "R": "R", "修订": "R"}


@dataclass
class ParsedIndicator:
    code: str
    name: str
    unit: str = ""
    decimals: int = 0
    meaning: str = ""
    scope: str = ""
    source: str = ""
    survey_method: str = ""


@dataclass
class ParsedDimension:
    code: str  # INDICATOR, AREA, SEX, AGE ...
    name: str
    role: str  # indicator | area | other
    codelist: str = ""  # CL_AREA ... ("" for the indicator dimension)


@dataclass(frozen=True)
class ParsedCell:
    key: tuple[str, ...]  # codes in dimension order, the indicator first
    period: str  # SDMX TIME_PERIOD: 2020, 2019-Q2, 2024-07
    value: Decimal | None  # None = missing, never 0
    status: str = "F"
    respondents: int | None = None
    line: int = 0


@dataclass(frozen=True)
class LineError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"第 {self.line} 行" + (f"“{self.column}”列" if self.column else "")
        return f"{where}：{self.message}"


@dataclass
class ParsedDataset:
    code: str
    title: str
    frequency: str  # A Q M I
    topic: str = "other"
    description: str = ""
    source: str = ""
    source_url: str = ""
    dimensions: list[ParsedDimension] = field(default_factory=list)
    codelists: dict[str, tuple[str, list[tuple[str, str, str]]]] = field(
        default_factory=dict
    )  # code -> (name, [(code, name, parent)])
    indicators: dict[str, ParsedIndicator] = field(default_factory=dict)
    cells: list[ParsedCell] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)
    # The office upload: names given in optional `<dimension>_name` columns, (dimension, code) → name.
    code_names: dict[tuple[str, str], str] = field(default_factory=dict)


def parse_number(text, *, line: int, column: str, errors: list[LineError]) -> Decimal | None:
    """'' / '…' / '-' → missing; '1,234.5' → Decimal; anything else is a line error."""
    if text is None:
        return None
    if isinstance(text, int | float | Decimal):
        return Decimal(str(text))
    cleaned = str(text).strip().replace(",", "")
    if cleaned in ("", "-", "—", "…", "...", "NA", "nan"):
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        errors.append(LineError(line, column, f"“{str(text)[:30]}”不是有效的数值"))
        return None
    if not value.is_finite():
        errors.append(LineError(line, column, "数值无效"))
        return None
    return value


def _decimals_of(values: Iterable[str], cap: int = 2) -> int:
    best = 0
    for text in values:
        if text and "." in text:
            best = max(best, len(text.strip().split(".", 1)[1]))
    return min(best, cap)


def _area_parent(code: str) -> str:
    if code == NATIONAL_AREA[0]:
        return ""
    if code.endswith("0000"):
        return NATIONAL_AREA[0]
    if code.endswith("00"):
        return code[:2] + "0000"
    return code[:4] + "00"


def _short_code(prefix: str, text: str) -> str:
    return prefix + hashlib.md5(text.encode("utf-8")).hexdigest()[:8].upper()


def _read_csv(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))
