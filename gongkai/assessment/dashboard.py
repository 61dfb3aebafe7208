"""The assessment dashboard of the office home (openness office and leaders): the measures off track in
the current period, for the agency and each department, and each measure month by month over the last
twelve months. Every figure carries the drill-down that lists its records."""

import json
from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import timezone

from . import scoring
from .measures import MEASURES, current_period
from .records import PeriodRange, last_twelve_months
from .scoring import AGENCY_KEY, Cell


def drill_url(code: str, period_key: str, dept_key: str = AGENCY_KEY) -> str:
    return reverse("assessment_office:drilldown", args=[code]) + f"?period={period_key}&dept={dept_key}"


@dataclass(frozen=True)
class OffTrack:
    label: str  # 留言按期答复：0.0%（达标线 95%）
    who: str  # 全局 or the department
    url: str
    met: int
    total: int

    @property
    def missed(self) -> int:
        return self.total - self.met


def off_track(agency, scheme, period: PeriodRange) -> list[OffTrack]:
    """Measures below their target now: the agency as a whole first, then each department."""
    ranked, whole, _rows = scoring.scoreboard(agency, period)
    targets = scoring.targets_of(scheme)
    labels = {m.code: m.label for m in MEASURES}
    result = []
    for line in [whole, *sorted(ranked, key=lambda ln: ln.label)]:
        for code, cell in line.cells.items():
            if cell.rate is None or cell.rate >= targets[code]:
                continue
            result.append(
                OffTrack(
                    f"{labels[code]}：{cell.rate}%（达标线 {targets[code]}%）",
                    "全局" if line.key == AGENCY_KEY else line.label,
                    drill_url(code, period.key, line.key),
                    cell.met,
                    cell.total,
                )
            )
    return result


@dataclass(frozen=True)
class MonthCell:
    month: str  # "2026-11"
    url: str
    met: int
    total: int
    rate: float | None


def monthly(agency, today: date | None = None) -> tuple[list[date], list[tuple[object, list[MonthCell]]]]:
    """Each measure for the agency, month by month: one computation over twelve months, bucketed by the
    day each record was judged (Row.on) — the same rows the monthly drill-down lists."""
    span, months = last_twelve_months(today or timezone.localdate())
    keys = [f"{m.year}-{m.month:02d}" for m in months]
    series = []
    for measure in MEASURES:
        cells = {key: Cell() for key in keys}
        for row in measure.compute(agency, span):
            key = f"{row.on.year}-{row.on.month:02d}" if row.on else None
            if key in cells:
                cells[key].total += 1
                cells[key].met += row.met
        series.append(
            (
                measure,
                [
                    MonthCell(
                        key,
                        drill_url(measure.code, key),
                        cells[key].met,
                        cells[key].total,
                        float(cells[key].rate) if cells[key].rate is not None else None,
                    )
                    for key in keys
                ],
            )
        )
    return months, series


def chart_data(months: list[date], series) -> dict:
    return {
        "months": [f"{m.year}-{m.month:02d}" for m in months],
        "labels": [f"{m.month}月" if m.month != 1 else f"{m.year}年1月" for m in months],
        "series": [
            {
                "code": measure.code,
                "name": measure.label,
                "rates": [c.rate for c in cells],
                "missed": [c.total - c.met for c in cells],
                "urls": [c.url for c in cells],
            }
            for measure, cells in series
        ],
    }


def dashboard(agency, scheme) -> dict:
    period = current_period(scheme.period if scheme else "quarter")
    months, series = monthly(agency)
    return {
        "period": period,
        "off_track": off_track(agency, scheme, period),
        "months": months,
        "series": series,
        "chart": chart_data(months, series),
        # In an attribute, not a <script> block: the office home carries no script element without src.
        "chart_json": json.dumps(chart_data(months, series), ensure_ascii=False),
    }
