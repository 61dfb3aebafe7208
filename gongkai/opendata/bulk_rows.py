"""The streamed import's row reader (issue 19 item 4): the common row in a few look-ups, the rest by
`parse_long`.

A row of a known series with a plain period, a plain number (or nothing) and a known status word is
turned into a staging tuple here, without building a `ParsedCell` or a `Decimal`; every other row (a
new series, a blank or short row, spaces, `1,234.5`, `…`, a bad cell) is left to `importers.parse_long`
with its line number, so its cells, code names and errors are exactly the ones the upload gives.
The number is kept as its text: the database reads it as `numeric` (PostgreSQL) or with NUMERIC
affinity (SQLite), which is what the `Decimal`'s text became before.

A chunk whose every row is of that kind (the usual one) is read a column at a time (ADR 0060): each
check and look-up runs over a whole column in C (`map`, `set.difference`, one regular expression over
the column's joined text) and the chunk becomes `Cells` — columns, not a tuple per row. Any chunk with
one row off that path is read row by row as before, so what is written and every error stay the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import repeat
from operator import itemgetter

from .importers.shape import STATUS_WORDS

# ASCII digits only (`\d` would take full-width and other scripts' digits, which parse_long reads).
PERIOD = re.compile(r"[0-9]{4}(-(Q[1-4]|0[1-9]|1[0-2]))?")
PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
# A whole column's cells joined by newlines: each one a plain number or empty / plain digits or empty.
PLAIN_NUMBERS = re.compile(r"(?:-?[0-9]+(?:\.[0-9]+)?)?(?:\n(?:-?[0-9]+(?:\.[0-9]+)?)?)*")
PLAIN_COUNTS = re.compile(r"[0-9]*(?:\n[0-9]*)*")
MAX_PERIODS = 100_000  # distinct period spellings remembered (a year has 17 valid ones)


@dataclass(frozen=True)
class RowLayout:
    """Where the long format's columns are in a file's header (None from `layout` if one is missing:
    `parse_long` then reports the header)."""

    key: tuple[int, ...]  # the dimension columns in key order
    period: int
    value: int
    status: int | None
    respondents: int | None
    width: int


def _column(dim: str) -> str:
    return {"INDICATOR": "indicator", "AREA": "area"}.get(dim, dim.lower())


def layout(header: list[str], dimension_codes: list[str]) -> RowLayout | None:
    names = [str(h).strip().lower() for h in header]
    wanted = [_column(d) for d in dimension_codes] + ["period", "value"]
    if any(name not in names for name in wanted):
        return None
    if any(f"{_column(d)}_name" in names for d in dimension_codes):
        return None  # names of new codes: every row through parse_long, which keeps the first one

    def at(name):
        return names.index(name) if name in names else None

    return RowLayout(
        key=tuple(names.index(_column(d)) for d in dimension_codes),
        period=names.index("period"),
        value=names.index("value"),
        status=at("status"),
        respondents=at("respondents"),
        width=len(names),
    )


class RowReader:
    """Splits chunks of rows into staging tuples (line, series id, period, value text, status,
    respondents) — or, given `target`, observation rows (dataset id, series id, period, version id,
    value text, status, respondents) — and the rows left to `parse_long`; remembers the periods seen.

    A row of a series the dataset does not have yet is staged with its key in place of the id and its
    key's codes kept in `new_keys`: the importer makes those series, then `resolve` puts in the ids."""

    def __init__(self, row_layout: RowLayout, series: dict[str, int], target: tuple[int, int] | None = None):
        self.layout = row_layout
        self.target = target  # (dataset id, version id): observation rows instead of staging rows
        self.series = series  # key → series id, shared with the importer (it adds new series)
        self.new_keys: dict[str, tuple[str, ...]] = {}  # key → codes, of this chunk's unknown series
        self.periods: dict[str, str] = {}  # a period cell's text → the period
        self.periods_complete = True  # False once MAX_PERIODS spellings were seen

    def split(self, rows: list[list[str]], first_line: int) -> tuple[list[tuple], list[list[str]], list[int]]:
        cells = self._columns(rows, first_line)
        if cells is not None:
            return cells, [], []
        return self._rows(rows, first_line)

    def _columns(self, rows: list[list[str]], first_line: int) -> Cells | None:
        """The chunk as `Cells` when every row is on the fast path, else None (read it row by row).

        The same tests as `_rows`, a column at a time: every row as wide as the header; new series'
        codes non-empty without surrounding spaces; every period cell a period (its spaces stripped);
        every value a plain ASCII number or empty, every status a status word, every respondents cell
        ASCII digits or empty. A cell with a newline in it fails the joined-text test by the count."""
        lay = self.layout
        if not rows or min(map(len, rows)) < lay.width:
            return None
        n = len(rows)
        key_columns = [list(map(itemgetter(i), rows)) for i in lay.key]
        keys = (
            key_columns[0] if len(key_columns) == 1 else list(map(".".join, zip(*key_columns, strict=True)))
        )
        unknown = set(keys).difference(self.series)
        new_keys = {}
        if unknown:
            codes_of = dict(zip(keys, zip(*key_columns, strict=True), strict=True))
            for key in unknown:
                codes = codes_of[key]
                if not all(code and code == code.strip() for code in codes):
                    return None
                new_keys[key] = codes
        period_cells = list(map(itemgetter(lay.period), rows))
        periods = self.periods
        spellings = set(period_cells).difference(periods)
        if spellings:
            if len(periods) + len(spellings) > MAX_PERIODS:
                return None
            stripped = {text: text.strip() for text in spellings}
            if not all(PERIOD.fullmatch(period) for period in stripped.values()):
                return None
            periods.update(stripped)
        values = list(map(itemgetter(lay.value), rows))
        joined = "\n".join(values)
        if joined.count("\n") != n - 1 or not PLAIN_NUMBERS.fullmatch(joined):
            return None
        if "" in values:
            values = [value or None for value in values]
        statuses = "F"
        if lay.status is not None:
            statuses = list(map(STATUS_WORDS.get, map(itemgetter(lay.status), rows)))
            if None in statuses:
                return None
        respondents = None
        if lay.respondents is not None:
            counts = list(map(itemgetter(lay.respondents), rows))
            joined = "\n".join(counts)
            if joined.count("\n") != n - 1 or not PLAIN_COUNTS.fullmatch(joined):
                return None
            respondents = [int(count) if count else None for count in counts]
        self.new_keys = new_keys
        return Cells(
            keys, list(map(periods.__getitem__, period_cells)), values, statuses, respondents, first_line
        )

    def _rows(self, rows: list[list[str]], first_line: int) -> tuple[list[tuple], list[list[str]], list[int]]:
        lay = self.layout
        key_of = itemgetter(*lay.key)
        single = len(lay.key) == 1
        series_get = self.series.get
        periods = self.periods
        periods_get = periods.get
        plain = PLAIN_NUMBER.fullmatch
        i_period, i_value, i_status, i_resp, width = (
            lay.period,
            lay.value,
            lay.status,
            lay.respondents,
            lay.width,
        )
        staged: list[tuple] = []
        stage = staged.append
        new_keys = self.new_keys = {}
        target = self.target
        dataset_id, version_id = target or (None, None)
        slow_rows: list[list[str]] = []
        slow_lines: list[int] = []
        for line, row in enumerate(rows, start=first_line):
            if len(row) < width:
                slow_rows.append(row)
                slow_lines.append(line)
                continue
            codes = key_of(row)
            series_id = series_get(codes if single else ".".join(codes))
            if series_id is None:
                series_id = codes if single else ".".join(codes)
                if series_id not in new_keys:
                    codes = (codes,) if single else codes
                    if all(code and code == code.strip() for code in codes):
                        new_keys[series_id] = codes
                    else:
                        series_id = None
            text = row[i_period]
            period = periods_get(text)
            if period is None and series_id is not None:
                stripped = text.strip()
                if PERIOD.fullmatch(stripped):
                    period = stripped
                    if len(periods) < MAX_PERIODS:
                        periods[text] = stripped
                    else:
                        self.periods_complete = False
            value = row[i_value]
            if series_id is None or period is None or not (value == "" or plain(value)):
                slow_rows.append(row)
                slow_lines.append(line)
                continue
            status = "F"
            if i_status is not None:
                status = STATUS_WORDS.get(row[i_status])
                if status is None:
                    slow_rows.append(row)
                    slow_lines.append(line)
                    continue
            respondents = None
            if i_resp is not None:
                count = row[i_resp]
                if count:
                    if not (count.isascii() and count.isdigit()):
                        slow_rows.append(row)
                        slow_lines.append(line)
                        continue
                    respondents = int(count)
            if target:
                stage((dataset_id, series_id, period, version_id, value or None, status, respondents))
            else:
                stage((line, series_id, period, value or None, status, respondents))
        return staged, slow_rows, slow_lines

    def resolve(self, staged: list[tuple] | Cells) -> list[tuple] | Cells:
        """The rows with the ids of the series made for `new_keys` (the id is the rows' second field);
        `Cells` get their series ids."""
        if isinstance(staged, Cells):
            staged.series_ids = list(map(self.series.__getitem__, staged.keys))
            return staged
        if not self.new_keys:
            return staged
        series = self.series
        return [row if type(row[1]) is int else (row[0], series[row[1]], *row[2:]) for row in staged]

    def seen(self, period: str) -> None:
        """A period of a row parse_long read."""
        if len(self.periods) < MAX_PERIODS:
            self.periods.setdefault(period, period)
        else:
            self.periods_complete = False


class Cells:
    """A chunk read a column at a time: the cells' series keys (ids once resolved), periods, value texts
    (None: missing), statuses (a list, or "F" for all) and respondents (a list, or None for all), the
    first cell's line. `rows` gives the tuples the row-by-row reader gives; `copy_text` the lines of
    PostgreSQL's COPY text format for the columns COPY_COLUMNS."""

    COPY_COLUMNS = ("series_id", "period", "value", "status", "respondents", "dataset_id", "version_id")

    def __init__(self, keys, periods, values, statuses, respondents, first_line: int):
        self.keys, self.periods, self.values = keys, periods, values
        self.statuses, self.respondents, self.first_line = statuses, respondents, first_line
        self.series_ids: list[int] = []

    def __len__(self) -> int:
        return len(self.periods)

    def columns(self) -> tuple:
        """Series ids, periods, values, statuses, respondents (a constant one as an endless repeat)."""
        statuses = repeat(self.statuses) if isinstance(self.statuses, str) else self.statuses
        respondents = repeat(None) if self.respondents is None else self.respondents
        return self.series_ids, self.periods, self.values, statuses, respondents

    def rows(self, target: tuple[int, int] | None = None) -> list[tuple]:
        """Observation rows (dataset id, series id, period, version id, value, status, respondents) for
        `target` (dataset id, version id), else staging rows (line, series id, period, value, status,
        respondents)."""
        ids, periods, values, statuses, respondents = self.columns()
        if target:
            dataset_id, version_id = repeat(target[0]), repeat(target[1])
            return list(
                zip(dataset_id, ids, periods, version_id, values, statuses, respondents, strict=False)
            )
        lines = range(self.first_line, self.first_line + len(self))
        return list(zip(lines, ids, periods, values, statuses, respondents, strict=False))

    def copy_text(self, dataset_id: int, version_id: int) -> str:
        """The cells as COPY text lines (every field was checked: digits, periods, status letters —
        nothing to escape; NULL is \\N)."""
        values = self.values
        if None in values:
            values = [r"\N" if value is None else value for value in values]
        columns = [map(str, self.series_ids), self.periods, values]
        tail = f"\t{dataset_id}\t{version_id}\n"
        if isinstance(self.statuses, str) and self.respondents is None:
            tail = f"\t{self.statuses}\t\\N{tail}"
        else:
            _, _, _, statuses, respondents = self.columns()
            columns.append(statuses)
            columns.append(r"\N" if r is None else str(r) for r in respondents)
        return tail.join(map("\t".join, zip(*columns, strict=False))) + tail  # a constant column repeats
