"""Tables 二/三/四 in one canonical shape for the city roll-up (issue 18 item 9), the checks (the very
functions that check computed tables: foi_requests.statistics.check_table3 and
annual_reports.tables.check_table4), the sum over agencies, and the official XLSX layout
(国办公开办函〔2021〕30号) with each figure's cell, so a refusal names the cell.

Canonical shape (plain JSON):
  {"table2": {"rules.issued": n, …, "licensing": n, "penalty": n, "coercion": n, "fees": "12.5"},
   "table3": {row_key: {column: n, …, "total": n}},
   "table4": {kind: {"upheld": n, "corrected": n, "other": n, "pending": n, "total": n}}}
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from openpyxl.utils import get_column_letter

from gongkai.annual_reports.tables import (
    TABLE4_KIND_LABELS,
    TABLE4_RESULT_LABELS,
    TableCheckFailed,
    check_table4,
)
from gongkai.core.errors import ValidationFailed
from gongkai.foi_requests.outcomes import ROWS_BY_KEY, TABLE3_ROWS, ApplicantType
from gongkai.foi_requests.statistics import (
    COLUMNS,
    TABLE4_KINDS,
    TABLE4_RESULTS,
    TOTAL,
    Table3CheckFailed,
    check_table3,
)

# --- table 二 -------------------------------------------------------------------------------------
TABLE2_DOC_ROWS = (("rules", "规章"), ("normative", "行政规范性文件"))
TABLE2_DOC_COLUMNS = (("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数"))
TABLE2_DECISIONS = (("licensing", "行政许可"), ("penalty", "行政处罚"), ("coercion", "行政强制"))
TABLE2_INT_KEYS = tuple(f"{r}.{c}" for r, _ in TABLE2_DOC_ROWS for c, _ in TABLE2_DOC_COLUMNS) + tuple(
    k for k, _ in TABLE2_DECISIONS
)
TABLE3_COLUMNS = (*[c.value for c in COLUMNS], TOTAL)
TABLE3_VALUE_ROWS = tuple(row for row in TABLE3_ROWS if row.key != "results")
TABLE4_COLUMNS = (*TABLE4_RESULTS, TOTAL)

SHEET2, SHEET3, SHEET4 = "表二", "表三", "表四"


def column_label(column: str) -> str:
    return "总计" if column == TOTAL else ApplicantType(column).label


# The cell of every figure in the XLSX template: (sheet, "B5").
def _cells() -> dict[tuple, tuple[str, str]]:
    cells: dict[tuple, tuple[str, str]] = {}
    for i, (row, _label) in enumerate(TABLE2_DOC_ROWS):
        for j, (col, _c) in enumerate(TABLE2_DOC_COLUMNS):
            cells[("table2", f"{row}.{col}")] = (SHEET2, f"{get_column_letter(2 + j)}{4 + i}")
    for i, (key, _label) in enumerate(TABLE2_DECISIONS):
        cells[("table2", key)] = (SHEET2, f"B{8 + i}")
    cells[("table2", "fees")] = (SHEET2, "B12")
    for i, row in enumerate(TABLE3_VALUE_ROWS):
        for j, col in enumerate(TABLE3_COLUMNS):
            cells[("table3", row.key, col)] = (SHEET3, f"{get_column_letter(2 + j)}{4 + i}")
    for i, kind in enumerate(TABLE4_KINDS):
        for j, col in enumerate(TABLE4_COLUMNS):
            cells[("table4", kind, col)] = (SHEET4, f"{get_column_letter(1 + i * 5 + j)}4")
    return cells


CELLS = _cells()


def cell_name(key: tuple) -> str:
    sheet, ref = CELLS[key]
    return f"工作表“{sheet}”单元格 {ref}"


def field_name(key: tuple) -> str:
    """The typed form's field for a figure: t2__rules.issued, t3__new__natural_person, t4__review__total."""
    return "__".join(("t" + key[0][-1], *key[1:]))


def describe(key: tuple) -> str:
    if key[0] == "table2":
        if "." in key[1]:
            row, col = key[1].split(".")
            return f"表二“{dict(TABLE2_DOC_ROWS)[row]}”行“{dict(TABLE2_DOC_COLUMNS)[col]}”"
        if key[1] == "fees":
            return "表二“行政事业性收费”行“本年收费金额（单位：万元）”"
        return f"表二“{dict(TABLE2_DECISIONS)[key[1]]}”行“本年处理决定数量”"
    if key[0] == "table3":
        return f"表三“{ROWS_BY_KEY[key[1]].label}”行“{column_label(key[2])}”列"
    result = "总计" if key[2] == TOTAL else TABLE4_RESULT_LABELS[key[2]]
    return f"表四“{TABLE4_KIND_LABELS[key[1]]}”“{result}”"


class CellRefused(ValidationFailed):
    """A figure is not a number, or a row or column does not add up; `key` names the cell (422)."""

    def __init__(self, message: str, key: tuple):
        self.key = key
        super().__init__(message, field=field_name(key))


def empty() -> dict:
    return {
        "table2": {**dict.fromkeys(TABLE2_INT_KEYS, 0), "fees": "0"},
        "table3": {row.key: dict.fromkeys(TABLE3_COLUMNS, 0) for row in TABLE3_VALUE_ROWS},
        "table4": {kind: dict.fromkeys(TABLE4_COLUMNS, 0) for kind in TABLE4_KINDS},
    }


# --- reading a figure -------------------------------------------------------------------------------
def count_value(raw, key: tuple, *, where: str = "") -> int:
    """A count: a whole number ≥ 0 (an empty cell is 0); anything else is refused naming the cell."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return 0
    if isinstance(raw, bool):
        raw = str(raw)
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, str):
        text = raw.strip()
        raw = int(text) if text.isdigit() else text
    if not isinstance(raw, int) or raw < 0:
        raise CellRefused(f"{where or describe(key)}应为不小于 0 的整数，实为“{raw}”。", key)
    return raw


def amount_value(raw, key: tuple, *, where: str = "") -> str:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return "0"
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or value < 0 or value > Decimal("99999999"):
        raise CellRefused(f"{where or describe(key)}应为不小于 0 的金额（万元），实为“{raw}”。", key)
    text = f"{value.quantize(Decimal('0.0001')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- checks --------------------------------------------------------------------------------------
def check(tables: dict, *, name_cell=describe) -> None:
    """The checks of computed tables (table 三 then 四), the refusal naming the cell by `name_cell`."""
    counts = {(row, col): n for row, cols in tables["table3"].items() for col, n in cols.items()}
    try:
        check_table3(counts)
    except Table3CheckFailed as exc:
        key = ("table3", exc.row, exc.column)
        raise CellRefused(f"{name_cell(key)}：{exc.message}", key) from exc
    for kind in TABLE4_KINDS:
        try:
            check_table4({kind: tables["table4"][kind]})
        except TableCheckFailed as exc:
            key = ("table4", kind, TOTAL)
            raise CellRefused(f"{name_cell(key)}：{exc.message}", key) from exc


# --- from a published report -----------------------------------------------------------------------
def from_snapshot(snapshot: dict) -> dict:
    """The canonical tables of a report published on the platform (annual_reports snapshot)."""
    out = empty()
    t2 = snapshot.get("table2", {})
    for row, _label in TABLE2_DOC_ROWS:
        for col, _c in TABLE2_DOC_COLUMNS:
            out["table2"][f"{row}.{col}"] = int((t2.get(row) or {}).get(col) or 0)
    for key, _label in TABLE2_DECISIONS:
        out["table2"][key] = int(t2.get(key) or 0)
    out["table2"]["fees"] = str(t2.get("fees") or "0")
    t3 = snapshot.get("table3", {})
    columns = t3.get("columns", list(TABLE3_COLUMNS))
    for row in t3.get("rows", []):
        if row.get("values") is None or row["key"] not in out["table3"]:
            continue
        out["table3"][row["key"]] = {col: int(v or 0) for col, v in zip(columns, row["values"], strict=False)}
    for kind, results in (snapshot.get("table4") or {}).items():
        if kind in out["table4"]:
            out["table4"][kind] = {col: int(results.get(col, 0) or 0) for col in TABLE4_COLUMNS}
    return out


def add(total: dict, tables: dict) -> dict:
    for key in TABLE2_INT_KEYS:
        total["table2"][key] += tables["table2"].get(key, 0)
    total["table2"]["fees"] = amount_value(
        Decimal(total["table2"]["fees"]) + Decimal(tables["table2"].get("fees") or "0"), ("table2", "fees")
    )
    for row, cols in tables["table3"].items():
        for col, n in cols.items():
            total["table3"][row][col] += n
    for kind, cols in tables["table4"].items():
        for col, n in cols.items():
            total["table4"][kind][col] += n
    return total


@dataclass(frozen=True)
class Figure:
    key: tuple
    label: str
    value: object


def rows_for_display(tables: dict) -> dict:
    return {
        "table2_docs": [
            (label, [tables["table2"][f"{row}.{col}"] for col, _c in TABLE2_DOC_COLUMNS])
            for row, label in TABLE2_DOC_ROWS
        ],
        "table2_doc_columns": [c for _k, c in TABLE2_DOC_COLUMNS],
        "table2_decisions": [(label, tables["table2"][key]) for key, label in TABLE2_DECISIONS],
        "table2_fees": tables["table2"]["fees"],
        "table3_columns": [column_label(c) for c in TABLE3_COLUMNS],
        "table3_rows": [
            {
                "label": row.label,
                "level": row.level,
                "values": [tables["table3"][row.key][c] for c in TABLE3_COLUMNS],
            }
            for row in TABLE3_VALUE_ROWS
        ],
        "table4_kinds": [TABLE4_KIND_LABELS[k] for k in TABLE4_KINDS],
        "table4_columns": [TABLE4_RESULT_LABELS[r] for r in TABLE4_RESULTS] + ["总计"],
        "table4_rows": [
            (TABLE4_KIND_LABELS[k], [tables["table4"][k][c] for c in TABLE4_COLUMNS]) for k in TABLE4_KINDS
        ],
    }
