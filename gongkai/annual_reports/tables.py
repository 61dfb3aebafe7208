"""Tables 二/三/四 of the annual report, computed from the records (REQUIREMENTS "Annual report").

The result is a plain JSON-able dict, the same shape whether it is computed live for the office or
frozen into `AnnualReport.snapshot` at publication, so one template renders both.

- 二 行政规范性文件 from catalogue.NormativeDocument (own documents, published): 本年制发 = 施行日期
  in the year; 本年废止 = repealed or expired in the year (first such status change, or the day after
  the end of its validity period); 现行有效 = in force on 31 December. 规章, 行政许可, 行政处罚,
  行政强制 and 行政事业性收费 are held by no record in Gongkai: staff enter them on the report.
- 三 from foi_requests.statistics (events of the requests), with its checks.
- 四 from foi_requests.statistics.compute_table4 (review cases), 总计 = the sum of the four results.
"""

from datetime import date, timedelta
from decimal import Decimal

from gongkai.catalogue.models import NormativeDocument, NormativeStatus, NormativeStatusChange, Source
from gongkai.foi_requests import statistics
from gongkai.foi_requests.models import ReviewCase
from gongkai.foi_requests.outcomes import TABLE3_HEADER, ApplicantType

ENDING_STATUSES = (NormativeStatus.REPEALED, NormativeStatus.EXPIRED)
TABLE2_DOCUMENT_ROWS = (("rules", "规章"), ("normative", "行政规范性文件"))
TABLE2_DOCUMENT_COLUMNS = (
    ("issued", "本年制发件数"),
    ("repealed", "本年废止件数"),
    ("in_force", "现行有效件数"),
)
TABLE2_DECISION_ROWS = (("licensing", "行政许可"), ("penalty", "行政处罚"), ("coercion", "行政强制"))
TABLE4_KIND_LABELS = {
    "review": "行政复议",
    "suit_direct": "未经复议直接起诉",
    "suit_after_review": "复议后起诉",
}
TABLE4_RESULT_LABELS = dict(ReviewCase.Result.choices)
TOTAL = statistics.TOTAL
# The manual figures a report needs before it can be submitted (field → the cell it fills).
MANUAL_FIELDS = {
    "rules_issued": "表二“规章”行“本年制发件数”",
    "rules_repealed": "表二“规章”行“本年废止件数”",
    "rules_in_force": "表二“规章”行“现行有效件数”",
    "licensing_decisions": "表二“行政许可”行“本年处理决定数量”",
    "penalty_decisions": "表二“行政处罚”行“本年处理决定数量”",
    "coercion_decisions": "表二“行政强制”行“本年处理决定数量”",
    "fees_amount": "表二“行政事业性收费”行“本年收费金额（单位：万元）”",
}

# Table 二 rows the platform's records can give (issue 13): row key → the report's manual field.
RECORDED_FIELDS = {
    "licensing": "licensing_decisions",
    "penalty": "penalty_decisions",
    "coercion": "coercion_decisions",
    "fees": "fees_amount",
}
FIELD_KEYS = {field: key for key, field in RECORDED_FIELDS.items()}
SOURCE_LABELS = {"records": "由平台执法决定记录计算", "manual": "手工填写", "missing": "未填写"}


class TableCheckFailed(Exception):
    """A table of the report does not add up or misses a figure; the message names the cell."""

    def __init__(self, message: str, *, field: str = "tables"):
        self.message, self.field = message, field
        super().__init__(message)


# --- table 二 -------------------------------------------------------------------------------------
def normative_counts(agency, year: int) -> dict[str, int]:
    """行政规范性文件: 本年制发, 本年废止, 现行有效 (31 December) from the agency's own published documents."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    documents = list(
        NormativeDocument.objects.filter(
            agency=agency, item__source=Source.OWN, item__first_published_at__isnull=False
        ).values_list("pk", "effective_on", "expires_on")
    )
    ended: dict[int, date] = {}
    for document_id, on in (
        NormativeStatusChange.objects.filter(document__agency=agency, to_status__in=ENDING_STATUSES)
        .order_by("effective_on")
        .values_list("document_id", "effective_on")
    ):
        ended.setdefault(document_id, on)
    issued = repealed = in_force = 0
    for pk, effective_on, expires_on in documents:
        ended_on = ended.get(pk)
        if ended_on is None and expires_on is not None:
            ended_on = expires_on + timedelta(days=1)  # expires_on is the last day in force
        if start <= effective_on <= end:
            issued += 1
        if ended_on is not None and start <= ended_on <= end:
            repealed += 1
        if effective_on <= end and (ended_on is None or ended_on > end):
            in_force += 1
    return {"issued": issued, "repealed": repealed, "in_force": in_force}


def amount_text(value: Decimal | None) -> str | None:
    if value is None:
        return None
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _recorded_or_typed(report) -> tuple[dict, dict]:
    """(values, sources) of the rows the records can give: a typed figure wins and is marked with
    who typed it and when; otherwise the figure computed from the records (providers.py)."""
    from .providers import recorded_figures

    recorded = recorded_figures(report.agency, report.year)
    values, sources = {}, {}
    for key, field in RECORDED_FIELDS.items():
        typed = getattr(report, field)
        if typed is not None:
            values[key] = amount_text(typed) if key == "fees" else typed
            sources[key] = {"source": "manual", **(report.manual_entries or {}).get(field, {})}
        elif recorded.get(key) is not None:
            values[key] = amount_text(recorded[key]) if key == "fees" else recorded[key]
            sources[key] = {"source": "records"}
        else:
            values[key] = None
            sources[key] = {"source": "missing"}
    return values, sources


def compute_table2(report) -> dict:
    values, sources = _recorded_or_typed(report)
    return {
        "rules": {
            "issued": report.rules_issued,
            "repealed": report.rules_repealed,
            "in_force": report.rules_in_force,
        },
        "normative": normative_counts(report.agency, report.year),
        **values,
        "sources": sources,
    }


def check_table2(report) -> None:
    _values, sources = _recorded_or_typed(report)
    for name, cell in MANUAL_FIELDS.items():
        key = FIELD_KEYS.get(name)
        if key is not None and sources[key]["source"] != "missing":
            continue
        if getattr(report, name) is None:
            raise TableCheckFailed(f"{cell}尚未填写。", field=name)


# --- table 三 -------------------------------------------------------------------------------------
def table3_as_json(table: statistics.Table3) -> dict:
    return {
        "header": TABLE3_HEADER,
        "columns": [*[c.value for c in statistics.COLUMNS], TOTAL],
        "rows": [
            {
                "key": row.key,
                "label": row.label,
                "level": row.level,
                "values": None if row.key == "results" else [value for value, _col in values],
            }
            for row, values in table.rows()
        ],
    }


# --- table 四 -------------------------------------------------------------------------------------
def check_table4(table4: dict[str, dict[str, int]]) -> None:
    """Each row: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""
    for kind in statistics.TABLE4_KINDS:
        row = table4.get(kind, {})
        expected = sum(row.get(result, 0) for result in statistics.TABLE4_RESULTS)
        actual = row.get(TOTAL, 0)
        if actual != expected:
            raise TableCheckFailed(
                f"表四“{TABLE4_KIND_LABELS[kind]}”行“总计”列应为 {expected}，实为 {actual}"
                "（总计应等于结果维持、结果纠正、其他结果、尚未审结之和）。",
                field="table4",
            )


# --- the whole ------------------------------------------------------------------------------------
def compute(report) -> tuple[dict, list[tuple[str, str]]]:
    """(tables, problems): every table computed live, and each failing check as (table, message)."""
    problems: list[tuple[str, str]] = []
    table3 = statistics.compute_table3(report.agency, report.year)
    try:
        statistics.check_table3(table3.counts)
    except statistics.Table3CheckFailed as exc:
        problems.append(("table3", exc.message))
    table4 = statistics.compute_table4(report.agency, report.year)
    try:
        check_table4(table4)
    except TableCheckFailed as exc:
        problems.append(("table4", exc.message))
    try:
        check_table2(report)
    except TableCheckFailed as exc:
        problems.append(("table2", exc.message))
    tables = {
        "year": report.year,
        "table2": compute_table2(report),
        "table3": table3_as_json(table3),
        "table4": table4,
    }
    return tables, problems


def checked(report) -> dict:
    """The tables, or TableCheckFailed naming the first wrong cell (table 三's checks first)."""
    try:
        table3 = statistics.checked_table3(report.agency, report.year)
    except statistics.Table3CheckFailed as exc:
        raise TableCheckFailed(exc.message, field="table3") from exc
    table4 = statistics.compute_table4(report.agency, report.year)
    check_table4(table4)
    check_table2(report)
    return {
        "year": report.year,
        "table2": compute_table2(report),
        "table3": table3_as_json(table3),
        "table4": table4,
    }


def _mark(key: str, source: dict | None) -> str:
    """“手工填写（王建国，2026-12-01 10:00）” or where the figure came from ("" for old snapshots)."""
    if not source:
        return ""
    if source["source"] == "records" and key == "fees":
        return "本机关办事指南均不收费"
    label = SOURCE_LABELS[source["source"]]
    if source["source"] == "manual" and source.get("by"):
        return f"{label}（{source['by']}，{source['at'].replace('T', ' ')[:16]}）"
    return label


# --- for templates ----------------------------------------------------------------------------------
def display(tables: dict) -> dict:
    """The tables as rows the templates iterate (labels in the order of the official format)."""
    t2 = tables["table2"]
    t3 = tables["table3"]
    return {
        "table2_documents": [
            (label, [t2[key].get(col) for col, _l in TABLE2_DOCUMENT_COLUMNS])
            for key, label in TABLE2_DOCUMENT_ROWS
        ],
        "table2_document_columns": [label for _k, label in TABLE2_DOCUMENT_COLUMNS],
        "table2_decisions": [(label, t2[key]) for key, label in TABLE2_DECISION_ROWS],
        "table2_fees": t2["fees"],
        "table2_marks": {key: _mark(key, t2.get("sources", {}).get(key)) for key in RECORDED_FIELDS},
        "table3_header": t3["header"],
        "table3_rows": [
            {**row, "cells": list(zip(row["values"], t3["columns"], strict=True)) if row["values"] else None}
            for row in t3["rows"]
        ],
        "table3_org_labels": [ApplicantType(c).label for c in t3["columns"][1:-1]],
        "table4_results": [TABLE4_RESULT_LABELS[r] for r in statistics.TABLE4_RESULTS] + ["总计"],
        "table4_rows": {
            kind: [tables["table4"][kind].get(r, 0) for r in (*statistics.TABLE4_RESULTS, TOTAL)]
            for kind in statistics.TABLE4_KINDS
        },
    }
