"""The measures of responses and outcomes (绩效考核): review and suit outcomes of FOI answers, satisfaction
with message replies, adoption reports of consultations, incident clocks and data releases on their
announced minute. Each yields one Row per record judged in the period (see records.py)."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from gongkai.consultations.models import Consultation
from gongkai.foi_requests.models import ReviewCase
from gongkai.incidents.models import Incident
from gongkai.incidents.selectors import clock_states
from gongkai.opendata.models import Release as DataRelease
from gongkai.public_messages.models import Message, Rating
from gongkai.publishing.models import Workflow
from gongkai.publishing.selectors import public_object_ids

from .records import PeriodRange, Row, dept_of, local_day

# 统计法实施条例第二十八条 announces the minute of a release; a release counts as on time when its
# approval put it live by that minute (the minute itself included).
ON_THE_MINUTE = timedelta(seconds=59)
SATISFIED = (Rating.SATISFIED, Rating.BASIC)
JUDGED_CLOCK_STATES = ("met", "met_late", "breached")


def foi_not_overturned(agency, period: PeriodRange) -> list[Row]:
    """行政复议、行政诉讼审结（本期）的案件中，答复未被纠正的（条例第五十一条；年度报告表四“结果纠正”）."""
    cases = (
        ReviewCase.objects.filter(agency=agency, decided_on__gte=period.start, decided_on__lte=period.end)
        .exclude(result=ReviewCase.Result.PENDING)
        .select_related("request__department")
        .order_by("decided_on", "pk")
    )
    rows = []
    for case in cases:
        request = case.request
        department = dept_of(request) if request else (None, "未指定处室")
        label = f"{case.get_kind_display()} {case.case_number or case.pk}"
        if request:
            label += f"（{request.tracking_number}）"
        url = (
            reverse("foi_office:detail", args=[request.pk])
            if request
            else reverse("foi_office:review_cases") + f"#case-{case.pk}"
        )
        rows.append(
            Row(
                label,
                url,
                *department,
                case.result != ReviewCase.Result.CORRECTED,
                f"{case.decided_on:%Y-%m-%d} 审结：{case.get_result_display()}",
                case.decided_on,
            )
        )
    return rows


def message_satisfaction(agency, period: PeriodRange) -> list[Row]:
    """留言人在本期对答复作出评价，评价为“满意”或“基本满意”的."""
    rated = (
        Message.objects.filter(agency=agency, rated_at__gte=period.start_at, rated_at__lt=period.end_at)
        .exclude(rating="")
        .select_related("department")
        .order_by("rated_at", "pk")
    )
    return [
        Row(
            f"{m.number or m.pk} {m.subject}",
            reverse("public_messages_office:detail", args=[m.pk]),
            *dept_of(m),
            m.rating in SATISFIED,
            f"评价：{m.get_rating_display()}" + (f"（{m.rating_note}）" if m.rating_note else ""),
            local_day(m.rated_at),
        )
        for m in rated
    ]


def consultation_reports(agency, period: PeriodRange, *, now=None) -> list[Row]:
    """已公开征求意见的草案，其意见采纳情况在应公布日期（本期）之前公布；期限未到且未公布的不计入."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    consultations = (
        Consultation.objects.filter(
            agency=agency,
            report_due_on__gte=period.start,
            report_due_on__lte=period.end,
            pk__in=public_object_ids(Consultation, agency=agency, now=now),
        )
        .select_related("department", "report")
        .order_by("report_due_on", "pk")
    )
    rows = []
    for consultation in consultations:
        report = getattr(consultation, "report", None)
        published_on = local_day(report.published_at) if report and report.published_at else None
        if published_on is None and consultation.report_due_on >= today:
            continue  # still within its time: not yet judged
        met = published_on is not None and published_on <= consultation.report_due_on
        rows.append(
            Row(
                consultation.title,
                reverse("consultations_office:detail", args=[consultation.pk]),
                *dept_of(consultation),
                met,
                f"应公布 {consultation.report_due_on:%Y-%m-%d}，"
                + (f"公布 {published_on:%Y-%m-%d}" if published_on else "尚未公布"),
                consultation.report_due_on,
            )
        )
    return rows


def incident_clocks(agency, period: PeriodRange, *, now=None) -> list[Row]:
    """每个政务舆情的每个时钟（5 小时发布权威信息、24 小时新闻发布会、48 小时回应）一行：到期日在本期、
    已完成或已超时的计入；仍在计时的不计入. The first responsible department answers for it."""
    now = now or timezone.now()
    incidents = (
        Incident.objects.filter(
            agency=agency,
            first_seen_at__gte=period.start_at - timedelta(days=2),
            first_seen_at__lt=period.end_at,
        )
        .prefetch_related("departments")
        .order_by("first_seen_at", "pk")
    )
    rows = []
    for incident in incidents:
        departments = sorted(incident.departments.all(), key=lambda d: d.pk)
        department = (departments[0].pk, departments[0].name) if departments else (None, "未指定处室")
        for state in clock_states(incident, now):
            due_on = local_day(state.clock.due_at)
            if state.state not in JUDGED_CLOCK_STATES or not period.start <= due_on <= period.end:
                continue
            done = f"完成于 {timezone.localtime(state.met_at):%Y-%m-%d %H:%M}" if state.met_at else "未完成"
            late = f"，超时 {state.late_text}" if state.late_by else ""
            rows.append(
                Row(
                    f"{incident.title} · {state.clock.label}（{state.clock.hours} 小时）",
                    reverse("incidents_office:detail", args=[incident.pk]),
                    *department,
                    state.state == "met",
                    f"时限 {timezone.localtime(state.clock.due_at):%Y-%m-%d %H:%M}，{done}{late}",
                    due_on,
                )
            )
    return rows


def data_releases_on_time(agency, period: PeriodRange, *, now=None) -> list[Row]:
    """发布日程中本期已到发布时间的每一项：批准发布的时间不晚于公布的发布时间（分钟），且发布时间没有在
    原定时间过后才调整；已取消的不计入."""
    now = now or timezone.now()
    releases = (
        DataRelease.objects.filter(
            agency=agency,
            scheduled_at__gte=period.start_at,
            scheduled_at__lt=min(period.end_at, now),
        )
        .exclude(state=DataRelease.State.CANCELLED)
        .select_related("department")
        .prefetch_related("date_changes")
        .order_by("scheduled_at", "pk")
    )
    content_type = ContentType.objects.get_for_model(DataRelease)
    live = {}
    for object_id, published_at in (
        Workflow.objects.filter(
            content_type=content_type, object_id__in=[r.pk for r in releases], published_at__isnull=False
        )
        .order_by("published_at")
        .values_list("object_id", "published_at")
    ):
        live.setdefault(object_id, published_at)
    rows = []
    for release in releases:
        minute = timezone.localtime(release.scheduled_at)
        published_at = live.get(release.pk)
        late_moves = [c for c in release.date_changes.all() if c.changed_at > c.previous_at]
        if release.state != DataRelease.State.CONFIRMED:
            met, detail = False, "发布时间已到，日程仍未确定"
        elif published_at is None:
            met, detail = False, "发布时间已到，尚未批准发布"
        elif published_at > release.scheduled_at + ON_THE_MINUTE:
            met = False
            detail = f"批准发布 {timezone.localtime(published_at):%Y-%m-%d %H:%M}，晚于发布时间"
        else:
            met, detail = True, "按时发布"
        if late_moves:
            met = False
            detail += f"；原定时间过后才调整发布时间 {len(late_moves)} 次"
        rows.append(
            Row(
                release.title,
                reverse("opendata_office:release", args=[release.pk]),
                *dept_of(release),
                met,
                f"公布的发布时间 {minute:%Y-%m-%d %H:%M}，{detail}",
                minute.date(),
            )
        )
    return rows
