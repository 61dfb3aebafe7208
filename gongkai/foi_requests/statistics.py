"""Annual report table 三 computed from the events, with the checks of 国办公开办函〔2021〕30号.

A request is counted by the legal dates of its events: 一 by its receipt (confirm_receipt) in the
year; 二 received before the year and not closed before it; a result row by its closing event in the
year; 四 received by the end of the year and not closed by then. A request the law has closed (no
补正 or no payment in time) counts from its legal date — the day after the period — in （六）1 or （六）2
even before the worker has recorded the event (read-time, like the embargo). Each cell keeps the ids of its
requests, so every number can be traced (the office's drill-down page).
"""

from dataclasses import dataclass, field
from datetime import date

from gongkai.workdays.selectors import legal_today

from .models import FoiRequest, RequestEvent
from .outcomes import RESULT_ROW_KEYS, ROWS_BY_KEY, TABLE3_ROWS, ApplicantType, row_for
from .selectors import LAPSE_OUTCOMES, lapsed_q
from .states import Action

COLUMNS = tuple(ApplicantType)
TOTAL = "total"
CLOSING_KINDS = (Action.ANSWER, Action.WITHDRAW, Action.SUPPLEMENT_LAPSED, Action.FEE_LAPSED)
GROUPS = {"3": ("3.",), "4": ("4.",), "5": ("5.",), "6": ("6.",)}


class Table3CheckFailed(Exception):
    def __init__(self, row: str, column: str, expected: int, actual: int, rule: str):
        self.row, self.column, self.expected, self.actual = row, column, expected, actual
        column_label = "总计" if column == TOTAL else ApplicantType(column).label
        self.message = (
            f"表三“{ROWS_BY_KEY[row].label}”行“{column_label}”列应为 {expected}，实为 {actual}（{rule}）。"
        )
        super().__init__(self.message)


@dataclass
class Table3:
    year: int
    ids: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    counts: dict[tuple[str, str], int] = field(default_factory=dict)

    def rows(self):
        for row in TABLE3_ROWS:
            yield row, [(self.counts.get((row.key, col), 0), col) for col in (*COLUMNS, TOTAL)]


def _closing_dates(agency, today: date) -> dict[int, tuple[date, str]]:
    rows = RequestEvent.objects.filter(request__agency=agency, kind__in=CLOSING_KINDS).values_list(
        "request_id", "on", "outcome"
    )
    closed = {rid: (on, outcome) for rid, on, outcome in rows}
    lapsed = FoiRequest.objects.filter(lapsed_q(today), agency=agency).values_list(
        "id", "status", "lapses_on"
    )
    for rid, status, lapses_on in lapsed:
        closed.setdefault(rid, (lapses_on, LAPSE_OUTCOMES[status].value))
    return closed


def _receipt_dates(agency) -> dict[int, date]:
    rows = RequestEvent.objects.filter(request__agency=agency, kind=Action.CONFIRM_RECEIPT).values_list(
        "request_id", "on"
    )
    return dict(rows)


def compute_table3(agency, year: int, today: date | None = None) -> Table3:
    start, end = date(year, 1, 1), date(year, 12, 31)
    types = dict(FoiRequest.objects.filter(agency=agency).values_list("id", "applicant_type"))
    received = _receipt_dates(agency)
    closed = _closing_dates(agency, today or legal_today())
    cells: dict[tuple[str, str], list[int]] = {}

    def put(row, rid):
        cells.setdefault((row, types[rid]), []).append(rid)

    for rid, received_on in received.items():
        closed_on, outcome = closed.get(rid, (None, ""))
        if start <= received_on <= end:
            put("new", rid)
        if received_on < start and (closed_on is None or closed_on >= start):
            put("carried_in", rid)
        if received_on <= end and (closed_on is None or closed_on > end):
            put("carried_out", rid)
        if closed_on and start <= closed_on <= end:
            put(row_for(outcome), rid)
    table = Table3(year=year)
    for (row, col), ids in cells.items():
        table.ids[(row, col)] = sorted(ids)
    for col in COLUMNS:
        for key in RESULT_ROW_KEYS + ("new", "carried_in", "carried_out"):
            table.counts[(key, col)] = len(table.ids.get((key, col), []))
        for group, prefixes in GROUPS.items():
            table.counts[(group, col)] = sum(
                table.counts[(k, col)] for k in RESULT_ROW_KEYS if k.startswith(prefixes)
            )
            table.ids[(group, col)] = sorted(
                i for k in RESULT_ROW_KEYS if k.startswith(prefixes) for i in table.ids.get((k, col), [])
            )
        table.counts[("7", col)] = sum(table.counts[(k, col)] for k in RESULT_ROW_KEYS)
        table.ids[("7", col)] = sorted(i for k in RESULT_ROW_KEYS for i in table.ids.get((k, col), []))
    for row in TABLE3_ROWS:
        if row.key == "results":
            continue
        table.counts[(row.key, TOTAL)] = sum(table.counts.get((row.key, c), 0) for c in COLUMNS)
        table.ids[(row.key, TOTAL)] = sorted(i for c in COLUMNS for i in table.ids.get((row.key, c), []))
    return table


def check_table3(counts: dict[tuple[str, str], int]) -> None:
    """Refuses a table whose figures do not add up, naming the first wrong cell."""
    get = lambda row, col: counts.get((row, col), 0)  # noqa: E731
    for col in (*COLUMNS, TOTAL):
        for group, prefixes in GROUPS.items():
            expected = sum(get(k, col) for k in RESULT_ROW_KEYS if k.startswith(prefixes))
            if get(group, col) != expected:
                raise Table3CheckFailed(group, col, expected, get(group, col), "应等于其下各项之和")
        expected = sum(get(k, col) for k in RESULT_ROW_KEYS)
        if get("7", col) != expected:
            raise Table3CheckFailed("7", col, expected, get("7", col), "（七）总计应等于各项办理结果之和")
        if get("new", col) + get("carried_in", col) != get("7", col) + get("carried_out", col):
            expected = get("new", col) + get("carried_in", col) - get("7", col)
            raise Table3CheckFailed(
                "carried_out",
                col,
                expected,
                get("carried_out", col),
                "第一项加第二项之和应等于第三项加第四项之和",
            )
    for row in TABLE3_ROWS:
        if row.key == "results":
            continue
        expected = sum(get(row.key, c) for c in COLUMNS)
        if get(row.key, TOTAL) != expected:
            raise Table3CheckFailed(row.key, TOTAL, expected, get(row.key, TOTAL), "总计应等于六列之和")


def checked_table3(agency, year: int) -> Table3:
    table = compute_table3(agency, year)
    check_table3(table.counts)
    return table


TABLE4_KINDS = ("review", "suit_direct", "suit_after_review")
TABLE4_RESULTS = ("upheld", "corrected", "other", "pending")


def compute_table4(agency, year: int) -> dict[str, dict[str, int]]:
    from .models import ReviewCase

    table = {kind: dict.fromkeys((*TABLE4_RESULTS, TOTAL), 0) for kind in TABLE4_KINDS}
    for kind, result in ReviewCase.objects.filter(agency=agency, year=year).values_list("kind", "result"):
        table[kind][result] += 1
        table[kind][TOTAL] += 1
    return table
