"""Figures versus telephone numbers: a number with a unit, or a numeric cell of a statistical table, is a
quantity (统计数字) even when its eleven digits look like a mobile number.

A table is given as {(row, column): text}. A numeric cell that looks like a telephone number is a
figure when its column header or row label names a quantity or a unit (“生产总值（万元）”, “单位：人”),
or when its column holds other numbers that are not telephone numbers (a column of amounts); it stays a
telephone number when its header or label says so (“手机”, “联系电话”) — the classic leak is a list of
names with a column of mobile numbers.
"""

from __future__ import annotations

import re

from .detection import normalise
from .lexicon import PHONE_WORDS, QUANTITY_WORDS, TIME_WORDS, UNITS, is_mobile_prefix

_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?", re.ASCII)
_LATIN_UNITS = [unit for unit in UNITS if unit.isascii() and unit[0].isalpha()]
_OTHER_UNITS = [unit for unit in UNITS if unit not in _LATIN_UNITS]
# A unit right after the number, perhaps in brackets (13812345678（万元）); a Latin unit must end there
# (“t” is a ton, “tel” is not).
_UNIT_AFTER = re.compile(
    r"\s*\(?\s*(?:"
    + "|".join(re.escape(unit) for unit in sorted(_OTHER_UNITS, key=len, reverse=True))
    + r"|(?:"
    + "|".join(re.escape(unit) for unit in sorted(_LATIN_UNITS, key=len, reverse=True))
    + r")(?![A-Za-z]))"
)
# A unit followed by a form of address is a surname (13812345678万先生), not a unit.
_ADDRESS_AFTER_UNIT = re.compile(r"(?:先生|女士|小姐|同志|老师|师傅)")
_UNIT_OF_TABLE = re.compile(r"单位\s*[:：]")


def numeric_value(text: str) -> str | None:
    """The digits of a cell that holds only a number (thousands separators, sign, decimals and a
    trailing unit allowed), else None."""
    compact = normalise(text or "").strip().replace(",", "").replace(" ", "")
    match = _NUMBER.match(compact)
    if not match:
        return None
    rest = compact[match.end() :]
    if rest and not _UNIT_AFTER.fullmatch(rest.rstrip(")")):
        return None
    return re.sub(r"\D", "", match.group())


def phone_like(digits: str) -> bool:
    """A mobile number (with or without 86) or a landline with its area code."""
    if digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if len(digits) == 11 and digits[0] == "1":
        return is_mobile_prefix(digits)
    return digits.startswith("0") and 10 <= len(digits) <= 12


def has_unit_after(text: str, end: int) -> bool:
    """True when a unit (元, 万元, 人, 吨, %…) follows position `end` of `text`."""
    match = _UNIT_AFTER.match(text, end)
    if not match:
        return False
    return not _ADDRESS_AFTER_UNIT.match(text, match.end())


def names_phone(label: str) -> bool:
    folded = label.casefold()
    return any(word in folded for word in PHONE_WORDS)


def names_quantity(label: str, *, header: bool = False) -> bool:
    folded = normalise(label)
    if header and any(word in folded for word in TIME_WORDS):
        return True
    return any(word in folded for word in QUANTITY_WORDS) or bool(_UNIT_OF_TABLE.search(folded))


def figure_cells(cells: dict[tuple[int, int], str]) -> set[tuple[int, int]]:
    """The cells of one table that are statistical figures although their digits look like a phone.
    Linear in the size of the table (a sheet may have two million cells)."""
    values = {position: numeric_value(text) for position, text in cells.items()}
    candidates = [p for p, digits in values.items() if digits is not None and phone_like(digits)]
    if not candidates:
        return set()
    table_has_unit = any(_UNIT_OF_TABLE.search(normalise(text)) for text in cells.values())
    labels_in_column: dict[int, list[tuple[int, str]]] = {}
    labels_in_row: dict[int, list[tuple[int, str]]] = {}
    statistical_columns: set[int] = set()
    statistical_rows: set[int] = set()
    numbers_in_row: dict[int, list[str]] = {}
    for (row, column), digits in values.items():
        if digits is None:
            labels_in_column.setdefault(column, []).append((row, cells[(row, column)]))
            labels_in_row.setdefault(row, []).append((column, cells[(row, column)]))
        elif not phone_like(digits):
            statistical_columns.add(column)  # a column of amounts, counts, years…
            numbers_in_row.setdefault(row, []).append(cells[(row, column)])
    for row, numbers in numbers_in_row.items():
        # a row with two more numbers, one with decimals or a percent sign: a row of statistics
        if len(numbers) >= 2 and any("." in n or "%" in n or "％" in n for n in numbers):
            statistical_rows.add(row)
    for labels in (*labels_in_column.values(), *labels_in_row.values()):
        labels.sort()
    figures: set[tuple[int, int]] = set()
    for row, column in candidates:
        above = [text for r, text in labels_in_column.get(column, ()) if r < row][-3:]
        left = [text for c, text in labels_in_row.get(row, ()) if c < column]
        labels = above + left
        if any(names_phone(label) for label in labels):
            continue
        if (
            table_has_unit
            or column in statistical_columns
            or row in statistical_rows
            or any(names_quantity(label, header=True) for label in above)
            or any(names_quantity(label) for label in left)
        ):
            figures.add((row, column))
    return figures


def tab_table(lines: list[tuple[int, str]]) -> dict[tuple[int, int], tuple[int, int, str]]:
    """Cells of consecutive tab-separated lines (an HTML table flattened to text, a TSV):
    {(row, column): (line index, start, text)}."""
    cells = {}
    for row, (index, line) in enumerate(lines, start=1):
        start = 0
        for column, text in enumerate(line.split("\t"), start=1):
            cells[(row, column)] = (index, start, text)
            start += len(text) + 1
    return cells


_TOKEN = re.compile(r"\S+")


def row_figure_spans(line: str) -> list[tuple[int, int]]:
    """Numbers of a table row extracted as text (a PDF table: “鼓楼区 13812345678 1234.5 6.8%”): when a
    line holds at least three numbers and one of the others has decimals or a percent sign, and nothing
    in it speaks of a telephone, its numbers are figures."""
    folded = normalise(line)
    if names_phone(folded):
        return []
    numbers = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(folded) if numeric_value(m.group())]
    if len(numbers) < 3:
        return []
    if not any("." in text or "%" in text for _, _, text in numbers):
        return []
    return [(start, end) for start, end, _ in numbers]
