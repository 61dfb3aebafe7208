"""Scores per department and for the agency: each measure's points scaled by its rate against its target,
less the 察访核验 deductions of the period."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from gongkai.accounts.models import Department

from .measures import MEASURES, MIN_OPENNESS_SHARE, PeriodRange, Row
from .models import Deduction, Scheme

AGENCY_KEY = "agency"


@dataclass
class Cell:
    met: int = 0
    total: int = 0

    @property
    def rate(self) -> Decimal | None:
        if not self.total:
            return None
        return (Decimal(self.met) * 100 / self.total).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class Line:
    key: str  # department pk as text, or AGENCY_KEY
    label: str
    cells: dict[str, Cell] = field(default_factory=dict)
    deducted: Decimal = Decimal("0")
    score: Decimal = Decimal("0")
    rank: int | None = None


def weights_of(scheme: Scheme | None) -> dict[str, Decimal]:
    stored = scheme.weights if scheme else {}
    return {m.code: Decimal(str(stored.get(m.code, m.default_weight))) for m in MEASURES}


def targets_of(scheme: Scheme | None) -> dict[str, Decimal]:
    stored = scheme.targets if scheme else {}
    return {m.code: Decimal(str(stored.get(m.code, m.default_target))) for m in MEASURES}


def points(cell: Cell, weight: Decimal, target: Decimal) -> Decimal:
    """Full points at or above the target; proportionally less below it; full points when nothing to judge."""
    if cell.rate is None or cell.rate >= target or not target:
        return weight
    return (weight * cell.rate / target).quantize(Decimal("0.01"), ROUND_HALF_UP)


def rows_by_measure(agency, period: PeriodRange) -> dict[str, list[Row]]:
    return {m.code: m.compute(agency, period) for m in MEASURES}


def scoreboard(agency, period: PeriodRange) -> tuple[list[Line], Line, dict[str, list[Row]]]:
    scheme = Scheme.objects.filter(agency=agency).first()
    weights, targets = weights_of(scheme), targets_of(scheme)
    rows = rows_by_measure(agency, period)
    lines = {
        str(d.pk): Line(str(d.pk), d.name) for d in Department.objects.filter(agency=agency).order_by("pk")
    }
    whole = Line(AGENCY_KEY, f"{agency.name}（全局）")
    for code, measure_rows in rows.items():
        for line in [*lines.values(), whole]:
            line.cells[code] = Cell()
        for row in measure_rows:
            for line in (lines.get(str(row.department_id)), whole):
                if line is None:
                    continue
                line.cells[code].total += 1
                line.cells[code].met += row.met
    deductions = Deduction.objects.filter(agency=agency, found_on__gte=period.start, found_on__lte=period.end)
    for deduction in deductions:
        whole.deducted += deduction.points
        if deduction.department_id and str(deduction.department_id) in lines:
            lines[str(deduction.department_id)].deducted += deduction.points
    for line in [*lines.values(), whole]:
        earned = sum((points(line.cells[c], weights[c], targets[c]) for c in rows), Decimal("0"))
        line.score = max(Decimal("0"), earned - line.deducted).quantize(Decimal("0.01"))
    ranked = sorted(lines.values(), key=lambda ln: (-ln.score, ln.label))
    for position, line in enumerate(ranked, 1):
        line.rank = position
    return ranked, whole, rows


def openness_share(scheme: Scheme | None) -> Decimal:
    return scheme.openness_share if scheme else MIN_OPENNESS_SHARE
