"""The assessment measures (绩效考核), computed from the records of a period, each with the records behind it.

A measure yields Rows (records.py): one record each, its department, whether it met the rule, and a
link. A figure is always `met / total` over exactly those rows, so every number drills down to the
records that make it. The measures of responses and outcomes are in `response_measures.py`.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from gongkai.catalogue.models import ItemRevision, RevisionStatus
from gongkai.foi_requests.models import FoiRequest
from gongkai.interpretations.models import Interpretation, Waiver
from gongkai.interpretations.models import Status as InterpretationStatus
from gongkai.public_messages.models import Message

from . import response_measures as responses
from .models import IndicatorResult, Verdict
from .records import PeriodRange, Row, current_period, local_day, parse_period
from .records import dept_of as _dept

__all__ = ["PeriodRange", "Row", "current_period", "parse_period"]

MIN_OPENNESS_SHARE = Decimal("4")  # seed 六(二)：政务公开工作在绩效考核中的分值权重不低于 4%


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
            local_day(r.published_at),
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
                published,
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
            r.closed_on,
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
            local_day(m.replied_at),
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
            local_day(r.run.checked_at),
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


# Default points sum to 100; the office changes them in the scheme (考核方案).
MEASURES: tuple[Measure, ...] = (
    Measure("items_on_time", "政府信息按时公开", "条例第二十六条：20 个工作日内公开", items_on_time, 15, 95),
    Measure(
        "interpretation_coverage",
        "政策解读三同步",
        "国办发〔2016〕80号：解读与政策同步发布",
        interpretation_coverage,
        10,
        90,
    ),
    Measure("foi_on_time", "依申请公开按期答复", "条例第三十三条：法定期限内答复", foi_on_time, 15, 100),
    Measure(
        "foi_not_overturned",
        "依申请公开未被纠错",
        "条例第五十一条：行政复议、行政诉讼审结后答复未被纠正",
        responses.foi_not_overturned,
        10,
        100,
    ),
    Measure("messages_in_sla", "留言按期答复", "留言办理规则：答复期限内答复", messages_in_sla, 10, 95),
    Measure(
        "message_satisfaction",
        "留言答复满意",
        "国办发〔2016〕61号：回应关切，留言人评价满意或基本满意",
        responses.message_satisfaction,
        5,
        90,
    ),
    Measure(
        "consultation_reports",
        "征求意见采纳情况按时公布",
        "重大行政决策程序暂行条例第十六条：公开意见采纳情况（本平台：截止后 10 个工作日内）",
        responses.consultation_reports,
        10,
        100,
    ),
    Measure(
        "incident_clocks",
        "政务舆情按时回应",
        "国办发〔2016〕80号：5 小时内发布权威信息、24 小时内举行新闻发布会；国办发〔2016〕61号：48 小时内回应",
        responses.incident_clocks,
        10,
        100,
    ),
    Measure(
        "data_releases_on_time",
        "统计数据按发布日程准时发布",
        "统计法实施条例第二十八条：按公布的发布时间（精确到分钟）发布",
        responses.data_releases_on_time,
        5,
        100,
    ),
    Measure(
        "inspection_indicators",
        "网站自查指标合格",
        "国办秘函〔2019〕19号检查指标",
        inspection_indicators,
        10,
        90,
    ),
)
BY_CODE = {m.code: m for m in MEASURES}
