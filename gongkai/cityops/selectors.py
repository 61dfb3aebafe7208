"""Reads of the city office (issue 18 items 8-9). The city office sees every agency, read-only: these
selectors take the agency explicitly and are only reached through views guarded by `cityops.oversee`
or `cityops.rollup`; an agency's own staff read only their own notices (`notices_for`)."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet

from gongkai.accounts.selectors import scope_for
from gongkai.annual_reports.deadlines import due_date
from gongkai.annual_reports.models import AnnualReport
from gongkai.annual_reports.models import Status as ReportStatus
from gongkai.assessment import measures, scoring
from gongkai.assessment.selectors import latest_run
from gongkai.core.models import Agency
from gongkai.foi_requests.models import FoiRequest
from gongkai.foi_requests.selectors import warning_horizon
from gongkai.foi_requests.states import OPEN_STATES
from gongkai.workdays.selectors import legal_date, legal_today

from . import tables as T
from .models import SupervisionNotice, TableSubmission


def agencies() -> QuerySet[Agency]:
    return Agency.objects.filter(is_active=True).order_by("name")


# --- overview (item 8) ---------------------------------------------------------------------------
@dataclass
class AgencyRow:
    agency: Agency
    open_requests: int = 0
    due_soon: int = 0
    overdue: int = 0
    inspection_verdict: str = ""
    inspection_fails: int | None = None
    inspection_warnings: int | None = None
    score: object = None
    rank: int | None = None
    notices_open: int = 0
    notices_overdue: int = 0
    measures: dict = field(default_factory=dict)


def overview(
    *, today: date | None = None, period_key: str = ""
) -> tuple[list[AgencyRow], measures.PeriodRange]:
    """Every agency: requests at risk (open, due within the warning horizon, overdue), the latest
    website self-inspection, the assessment score of the period (assessment.scoring — the agency's
    own scheme) with each measure's rate, and the city office's open notices; ranked by score."""
    today = today or legal_today()
    period = measures.parse_period(period_key) or measures.current_period("year", today)
    horizon = warning_horizon(today)
    counts = {
        row["agency_id"]: row
        for row in FoiRequest.objects.filter(status__in=OPEN_STATES)
        .values("agency_id")
        .annotate(
            open=Count("id"),
            overdue=Count("id", filter=Q(answer_due_on__lt=today)),
            soon=Count("id", filter=Q(answer_due_on__gte=today, answer_due_on__lte=horizon)),
        )
    }
    notices = {
        row["agency_id"]: row
        for row in SupervisionNotice.objects.filter(answered_on__isnull=True)
        .values("agency_id")
        .annotate(open=Count("id"), overdue=Count("id", filter=Q(due_on__lt=today)))
    }
    rows = []
    for agency in agencies():
        row = AgencyRow(agency)
        c = counts.get(agency.pk)
        if c:
            row.open_requests, row.overdue, row.due_soon = c["open"], c["overdue"], c["soon"]
        n = notices.get(agency.pk)
        if n:
            row.notices_open, row.notices_overdue = n["open"], n["overdue"]
        run = latest_run(agency)
        if run is not None:
            row.inspection_verdict = run.get_verdict_display()
            row.inspection_fails, row.inspection_warnings = run.fail_count, run.warning_count
        _lines, whole, _rows = scoring.scoreboard(agency, period)
        row.score = whole.score
        row.measures = {code: cell.rate for code, cell in whole.cells.items()}
        rows.append(row)
    ranked = sorted(rows, key=lambda r: (-r.score, r.agency.name))
    for position, row in enumerate(ranked, 1):
        row.rank = position
    return ranked, period


def measure_labels() -> list[tuple[str, str]]:
    return [(m.code, m.label) for m in measures.MEASURES]


def at_risk_requests(agency, *, today: date | None = None) -> QuerySet[FoiRequest]:
    """One agency's open requests that are overdue or due soon (read-only drill-down for the city)."""
    today = today or legal_today()
    return (
        FoiRequest.objects.filter(
            agency=agency, status__in=OPEN_STATES, answer_due_on__lte=warning_horizon(today)
        )
        .select_related("department")
        .order_by("answer_due_on")
    )


# --- notices ------------------------------------------------------------------------------------
def notices_sent(*, agency=None) -> QuerySet[SupervisionNotice]:
    qs = SupervisionNotice.objects.select_related("agency", "issued_by", "answered_by")
    return qs.filter(agency=agency) if agency is not None else qs


def notices_for(user) -> QuerySet[SupervisionNotice]:
    """The notices an agency's staff see: their own agency's only."""
    return scope_for(
        user, SupervisionNotice.objects.select_related("issued_by_agency"), department_field=None
    )


def is_overdue(notice: SupervisionNotice, today: date | None = None) -> bool:
    today = today or legal_today()
    if notice.answered_on is not None:
        return notice.answered_on > notice.due_on
    return today > notice.due_on


# --- roll-up (item 9) ------------------------------------------------------------------------------
STATE_LABELS = {
    "on_time": "按时报送",
    "late": "逾期报送",
    "missing_late": "未报送（已逾期）",
    "missing": "未报送",
}


@dataclass
class ReturnLine:
    agency: Agency
    source: str  # platform, upload, typed, missing
    source_label: str
    submitted_on: date | None
    tables: dict | None
    state: str

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def is_late(self) -> bool:
        return self.state in ("late", "missing_late")


def returns(year: int, *, today: date | None = None) -> list[ReturnLine]:
    """Every active agency's tables for `year`: its report published on the platform (frozen
    snapshot), else the tables it submitted, else missing; late after 31 January (条例 Art. 49)."""
    today = today or legal_today()
    due = due_date(year)
    published = {
        r.agency_id: r
        for r in AnnualReport.objects.filter(year=year, status=ReportStatus.PUBLISHED, snapshot__isnull=False)
    }
    submitted = {s.agency_id: s for s in TableSubmission.objects.filter(year=year)}
    lines = []
    for agency in agencies():
        report, submission = published.get(agency.pk), submitted.get(agency.pk)
        if report is not None:
            on = legal_date(report.published_at)
            line = ReturnLine(agency, "platform", "平台发布年报", on, T.from_snapshot(report.snapshot), "")
        elif submission is not None:
            line = ReturnLine(
                agency,
                submission.source,
                submission.get_source_display(),
                submission.submitted_on,
                submission.tables,
                "",
            )
        else:
            line = ReturnLine(
                agency, "missing", "—", None, None, "missing_late" if today > due else "missing"
            )
        if line.submitted_on is not None:
            line.state = "late" if line.submitted_on > due else "on_time"
        lines.append(line)
    return lines


def city_summary(year: int, *, today: date | None = None) -> tuple[dict, list[ReturnLine]]:
    lines = returns(year, today=today)
    total = T.empty()
    for line in lines:
        if line.tables is not None:
            T.add(total, line.tables)
    return total, lines
