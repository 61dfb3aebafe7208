"""The assessment measures (绩效考核), computed from the records of a period, each with the records behind it.

A measure yields Rows: one record each, its department, whether it met the rule, and a link. A figure is
always `met / total` over exactly those rows, so every number drills down to the records that make it.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

from gongkai.catalogue.models import ItemRevision, RevisionStatus
from gongkai.foi_requests.models import FoiRequest
from gongkai.interpretations.models import Interpretation, Waiver
from gongkai.interpretations.models import Status as InterpretationStatus
from gongkai.public_messages.models import Message

from .models import IndicatorResult, Verdict

SHANGHAI = ZoneInfo("Asia/Shanghai")
MIN_OPENNESS_SHARE = Decimal("4")  # seed 六(二)：政务公开工作在绩效考核中的分值权重不低于 4%


@dataclass(frozen=True)
class Row:
    label: str
    url: str
    department_id: int | None
    department: str
    met: bool
    detail: str


@dataclass(frozen=True)
class PeriodRange:
    key: str  # "2026" or "2026Q4"
    label: str
    start: date
    end: date  # inclusive

    @property
    def start_at(self) -> datetime:
        return datetime.combine(self.start, time.min, tzinfo=SHANGHAI)

    @property
    def end_at(self) -> datetime:
        return datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=SHANGHAI)


def parse_period(key: str) -> PeriodRange | None:
    """“2026” (a year) or “2026Q1”..“2026Q4”; anything else is None."""
    key = (key or "").strip().upper()
    try:
        if len(key) == 4:
            year = int(key)
            return PeriodRange(key, f"{year} 年", date(year, 1, 1), date(year, 12, 31))
        if len(key) == 6 and key[4] == "Q" and key[5] in "1234":
            year, quarter = int(key[:4]), int(key[5])
            start = date(year, 3 * quarter - 2, 1)
            end = (date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)) - timedelta(days=1)
            return PeriodRange(key, f"{year} 年第 {quarter} 季度", start, end)
    except ValueError:
        return None
    return None


def current_period(kind: str, today: date | None = None) -> PeriodRange:
    today = today or timezone.localdate()
    if kind == "year":
        return parse_period(str(today.year))
    return parse_period(f"{today.year}Q{(today.month - 1) // 3 + 1}")


def _dept(obj) -> tuple[int | None, str]:
    department = getattr(obj, "department", None)
    return (department.pk, department.name) if department else (None, "未指定处室")


def items_on_time(agency, period: PeriodRange) -> list[Row]:
    """政府信息在形成或变更之日起 20 个工作日内公开（条例第二十六条）."""
    revisions = (
        ItemRevision.objects.filter(
            item__agency=agency,
            published_at__gte=period.start_at,
            published_at__lt=period.end_at,
            due_on__isnull=False,
        )
        .exclude(status=RevisionStatus.DRAFT)
        .select_related("department", "item")
        .order_by("published_at", "pk")
    )
    return [
        Row(
            r.title,
            reverse("catalogue_office:item", args=[r.item_id]),
            *_dept(r),
            not r.late_by_days,
            f"应公开 {r.due_on:%Y-%m-%d}，发布 {timezone.localtime(r.published_at):%Y-%m-%d}"
            + (f"，逾期 {r.late_by_days} 个工作日" if r.late_by_days else ""),
        )
        for r in revisions
    ]


def interpretation_coverage(agency, period: PeriodRange) -> list[Row]:
    """三同步（国办发〔2016〕80号）：需解读的政策在发布时（同日）有解读发布."""
    policies = (
        ItemRevision.objects.filter(
            item__agency=agency,
            needs_interpretation=True,
            published_at__gte=period.start_at,
            published_at__lt=period.end_at,
        )
        .exclude(status=RevisionStatus.DRAFT)
        .select_related("department", "item")
        .order_by("published_at", "pk")
    )
    rows = []
    for policy in policies:
        first = (
            Interpretation.objects.filter(policy=policy.item, status=InterpretationStatus.PUBLISHED)
            .order_by("published_at")
            .first()
        )
        published = timezone.localtime(policy.published_at).date()
        on_time = bool(
            first and first.published_at and timezone.localtime(first.published_at).date() <= published
        )
        detail = (
            f"解读发布 {timezone.localtime(first.published_at):%Y-%m-%d}"
            if first and first.published_at
            else "无解读"
        )
        if not on_time and Waiver.objects.filter(revision=policy).exists():
            on_time, detail = True, "分管领导已批准免予解读"
        rows.append(
            Row(
                policy.title,
                reverse("catalogue_office:item", args=[policy.item_id]),
                *_dept(policy),
                on_time,
                f"政策发布 {published:%Y-%m-%d}，{detail}",
            )
        )
    return rows


def foi_on_time(agency, period: PeriodRange) -> list[Row]:
    """依申请公开在法定期限内答复（条例第三十三条：20 个工作日，延长不超过 20 个工作日）."""
    requests = (
        FoiRequest.objects.filter(
            agency=agency, closed_on__gte=period.start, closed_on__lte=period.end, answer_due_on__isnull=False
        )
        .select_related("department")
        .order_by("closed_on", "pk")
    )
    return [
        Row(
            f"{r.tracking_number} {r.description[:40]}",
            reverse("foi_office:detail", args=[r.pk]),
            *_dept(r),
            r.closed_on <= r.answer_due_on,
            f"答复期限 {r.answer_due_on:%Y-%m-%d}，办结 {r.closed_on:%Y-%m-%d}",
        )
        for r in requests
    ]


def messages_in_sla(agency, period: PeriodRange) -> list[Row]:
    """留言在答复期限内答复."""
    replied = (
        Message.objects.filter(agency=agency, replied_at__gte=period.start_at, replied_at__lt=period.end_at)
        .select_related("department")
        .order_by("replied_at", "pk")
    )
    return [
        Row(
            f"{m.number or m.pk} {m.subject}",
            reverse("public_messages_office:detail", args=[m.pk]),
            *_dept(m),
            timezone.localtime(m.replied_at).date() <= m.due_on,
            f"答复期限 {m.due_on:%Y-%m-%d}，答复 {timezone.localtime(m.replied_at):%Y-%m-%d}",
        )
        for m in replied
    ]


def inspection_indicators(agency, period: PeriodRange) -> list[Row]:
    """网站自查各项指标合格（国办秘函〔2019〕19号）；无法检查的指标不计入."""
    results = (
        IndicatorResult.objects.filter(
            run__agency=agency, run__checked_at__gte=period.start_at, run__checked_at__lt=period.end_at
        )
        .exclude(verdict=Verdict.NOT_AVAILABLE)
        .select_related("run")
        .order_by("run__checked_at", "sort_order")
    )
    return [
        Row(
            f"{timezone.localtime(r.run.checked_at):%Y-%m-%d} {r.name}",
            reverse("assessment_office:run", args=[r.run_id]) + f"#{r.code}",
            None,
            "全局（网站）",
            r.verdict == Verdict.PASS,
            f"{r.get_verdict_display()}：{r.summary}",
        )
        for r in results
    ]


@dataclass(frozen=True)
class Measure:
    code: str
    label: str
    rule: str
    compute: object
    default_weight: int
    default_target: int


MEASURES: tuple[Measure, ...] = (
    Measure("items_on_time", "政府信息按时公开", "条例第二十六条：20 个工作日内公开", items_on_time, 25, 95),
    Measure(
        "interpretation_coverage",
        "政策解读三同步",
        "国办发〔2016〕80号：解读与政策同步发布",
        interpretation_coverage,
        15,
        90,
    ),
    Measure("foi_on_time", "依申请公开按期答复", "条例第三十三条：法定期限内答复", foi_on_time, 25, 100),
    Measure("messages_in_sla", "留言按期答复", "留言办理规则：答复期限内答复", messages_in_sla, 20, 95),
    Measure(
        "inspection_indicators",
        "网站自查指标合格",
        "国办秘函〔2019〕19号检查指标",
        inspection_indicators,
        15,
        90,
    ),
)
BY_CODE = {m.code: m for m in MEASURES}
