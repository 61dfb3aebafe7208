"""The measures of responses and outcomes, each at its rule: FOI answers overturned on review or suit,
satisfaction with message replies, adoption reports on time, incident clocks, data releases on their
announced minute. Each row is one record, under its department, judged on the day it belongs to."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType

from gongkai.accounts.factories import DepartmentFactory
from gongkai.accounts.guard import SYSTEM
from gongkai.accounts.roles import Role
from gongkai.assessment import measures, response_measures, scoring
from gongkai.consultations.models import AdoptionReport, Consultation
from gongkai.core.errors import ValidationFailed
from gongkai.foi_requests.models import FoiRequest, ReviewCase
from gongkai.foi_requests.services import save_review_case
from gongkai.incidents.models import Incident
from gongkai.incidents.models import Release as IncidentRelease
from gongkai.opendata.models import Release as DataRelease
from gongkai.opendata.models import ReleaseDateChange
from gongkai.public_messages.models import Message
from gongkai.publishing.models import Workflow

SH = ZoneInfo("Asia/Shanghai")
Q4 = measures.parse_period("2026Q4")
NOW = datetime(2026, 12, 7, 10, 0, tzinfo=SH)


def at(day: int, hour: int = 9, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SH)


def _published(obj, agency, author, published_at):
    return Workflow.objects.create(
        agency=agency,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        state="published",
        author=author,
        published_at=published_at,
    )


def _request(agency, department, number):
    return FoiRequest.objects.create(
        agency=agency,
        tracking_number=number,
        token_hash=f"t-{number}",
        channel="online",
        applicant_type="natural_person",
        applicant_name="张三",
        id_type="resident_id",
        id_number_masked="1101**********002X",
        id_number_digest=f"d-{number}",
        phone="13800000000",
        description="统计年鉴",
        delivery_form="electronic",
        delivery_channel="email",
        submitted_at=at(1),
        department=department,
    )


# ---------------------------------------------------------------- 依申请公开未被纠错


@pytest.mark.django_db
def test_review_outcomes_count_corrected_answers_against_the_department(agency, department, make_user):
    other = DepartmentFactory(agency=agency, name="综合统计处")
    office = make_user(Role.OPENNESS_OFFICE)
    request = _request(agency, department, "2026-0001")
    base = dict(
        actor=office, agency=agency, kind=ReviewCase.Kind.REVIEW, year=2026, filed_on=date(2026, 9, 1)
    )
    save_review_case(**base, case_number="A", result="upheld", decided_on=date(2026, 11, 2), request=request)
    save_review_case(
        **base, case_number="B", result="corrected", decided_on=date(2026, 11, 20), request=request
    )
    save_review_case(**base, case_number="C", result="pending")  # not yet decided: not judged
    save_review_case(**base, case_number="D", result="upheld", decided_on=date(2026, 9, 30))  # Q3
    save_review_case(
        **base,
        case_number="E",
        result="other",
        decided_on=date(2026, 12, 1),
        request=_request(agency, other, "2026-0002"),
    )
    rows = response_measures.foi_not_overturned(agency, Q4)
    assert [(r.label.split(" ")[1][0], r.met, r.department) for r in rows] == [
        ("A", True, "综合处"),
        ("B", False, "综合处"),
        ("E", True, "综合统计处"),
    ]
    assert rows[1].on == date(2026, 11, 20) and "结果纠正" in rows[1].detail
    assert rows[0].url == f"/office/foi/{request.pk}/"
    ranked, whole, _ = scoring.scoreboard(agency, Q4)
    cell = next(ln for ln in ranked if ln.key == str(department.pk)).cells["foi_not_overturned"]
    assert (cell.met, cell.total) == (1, 2) and whole.cells["foi_not_overturned"].total == 3


@pytest.mark.django_db
def test_a_decided_case_needs_its_decision_date_and_a_pending_one_has_none(agency, make_user):
    office = make_user(Role.OPENNESS_OFFICE)
    base = dict(actor=office, agency=agency, kind=ReviewCase.Kind.SUIT_DIRECT, year=2026)
    with pytest.raises(ValidationFailed) as refused:
        save_review_case(**base, result="corrected", decided_on=None)
    assert refused.value.field == "decided_on" and "审结日期" in refused.value.message
    with pytest.raises(ValidationFailed):
        save_review_case(**base, result="pending", decided_on=date(2026, 11, 1))
    with pytest.raises(ValidationFailed):
        save_review_case(**base, result="upheld", filed_on=date(2026, 11, 2), decided_on=date(2026, 11, 1))
    assert not ReviewCase.objects.exists()
    case = save_review_case(**base, result="pending", filed_on=date(2026, 11, 2))
    save_review_case(actor=office, agency=agency, case=case, result="corrected", decided_on=date(2026, 11, 3))
    case.refresh_from_db()
    assert (case.result, case.decided_on) == ("corrected", date(2026, 11, 3))


@pytest.mark.django_db
def test_office_records_the_outcome_of_a_pending_case(client, agency, make_user, department):
    office = make_user(Role.OPENNESS_OFFICE)
    request = _request(agency, department, "2026-0009")
    case = save_review_case(actor=SYSTEM, agency=agency, kind="review", year=2026, result="pending")
    client.force_login(office)
    url = f"/office/foi/review-cases/{case.pk}/"
    form = {
        "kind": "review",
        "year": "2026",
        "result": "corrected",
        "decided_on": "",
        "tracking_number": "2026-0009",
    }
    body = client.post(url, form).content.decode()
    assert "已审结的案件须填写审结日期" in body and 'value="2026-0009"' in body
    form["tracking_number"] = "2099-9999"
    assert "本机关没有该编号的申请" in client.post(url, form).content.decode()
    form.update(tracking_number="2026-0009", decided_on="2026-11-03")
    assert client.post(url, form).status_code == 302
    case.refresh_from_db()
    assert (case.result, case.decided_on, case.request) == ("corrected", date(2026, 11, 3), request)
    listing = client.get("/office/foi/review-cases/").content.decode()
    assert "2026-11-03" in listing and "录入结果" in listing


# ---------------------------------------------------------------- 留言答复满意


@pytest.mark.django_db
def test_satisfaction_counts_satisfied_and_basic_against_unsatisfied(agency, department):
    def message(subject, rating, rated_at):
        return Message.objects.create(
            agency=agency,
            department=department,
            category="consult",
            subject=subject,
            body="内容",
            state="replied",
            reply="已答复",
            received_at=at(1),
            warn_on=date(2026, 11, 5),
            due_on=date(2026, 11, 10),
            replied_at=at(2),
            rating=rating,
            rated_at=rated_at,
        )

    message("满意", "satisfied", at(3))
    message("基本满意", "basic", at(4))
    message("不满意", "unsatisfied", at(5))
    message("上季度", "unsatisfied", at(30, month=9))
    message("未评价", "", None)
    rows = response_measures.message_satisfaction(agency, Q4)
    assert [(r.label.split(" ", 1)[1], r.met) for r in rows] == [
        ("满意", True),
        ("基本满意", True),
        ("不满意", False),
    ]
    assert rows[2].detail == "评价：不满意" and rows[2].department == "综合处"


# ---------------------------------------------------------------- 征求意见采纳情况按时公布


@pytest.mark.django_db
def test_adoption_report_on_time_late_missing_and_not_yet_due(agency, department, make_user):
    author = make_user(Role.DRAFTER)

    def consultation(title, due, report_at=None, public=True):
        c = Consultation.objects.create(
            agency=agency,
            department=department,
            title=title,
            opens_at=at(1, month=10),
            closes_at=at(20, month=10),
            report_due_on=due,
            created_by=author,
        )
        if public:
            _published(c, agency, author, at(1, month=10))
        if report_at:
            AdoptionReport.objects.create(consultation=c, generated_at=report_at, published_at=report_at)
        return c

    consultation("按时", date(2026, 11, 3), report_at=at(3, 17))
    consultation("逾期", date(2026, 11, 3), report_at=at(4, 9))
    consultation("未公布", date(2026, 12, 4))
    consultation("未到期", date(2026, 12, 20))  # not yet due on 7 December: not judged
    consultation("未公开的草案", date(2026, 11, 3), public=False)
    rows = response_measures.consultation_reports(agency, Q4, now=NOW)
    assert [(r.label, r.met) for r in rows] == [("按时", True), ("逾期", False), ("未公布", False)]
    assert rows[2].detail == "应公布 2026-12-04，尚未公布" and rows[2].on == date(2026, 12, 4)


# ---------------------------------------------------------------- 政务舆情按时回应


@pytest.mark.django_db
def test_incident_clocks_five_and_twenty_four_hours_for_serious_forty_eight_otherwise(
    agency, department, make_user
):
    def incident(title, severity, seen, released=None, conference=None):
        i = Incident.objects.create(
            agency=agency,
            title=title,
            source="weibo",
            first_seen_at=seen,
            summary="概要",
            severity=severity,
            severity_reason="理由",
            press_conference_at=conference,
        )
        i.departments.add(department)
        if released:
            IncidentRelease.objects.create(
                agency=agency, incident=i, number=1, title="通报", body="正文", published_at=released
            )
        return i

    seen = at(10, 8)
    # 重大: 5 h information met at exactly 5 h; conference at 24 h + 1 min is late.
    incident(
        "重大舆情",
        "major",
        seen,
        released=seen + timedelta(hours=5),
        conference=seen + timedelta(hours=24, minutes=1),
    )
    # 一般: 48 h response never made, breached.
    incident("一般舆情", "general", at(12, 8))
    # still running on NOW: not judged.
    incident("正在处置", "general", NOW - timedelta(hours=3))
    rows = response_measures.incident_clocks(agency, Q4, now=NOW)
    assert [(r.label, r.met) for r in rows] == [
        ("重大舆情 · 发布权威信息（5 小时）", True),
        ("重大舆情 · 举行新闻发布会（24 小时）", False),
        ("一般舆情 · 予以回应（48 小时）", False),
    ]
    assert "超时 0 小时 01 分" in rows[1].detail and rows[0].department == "综合处"
    assert rows[2].on == date(2026, 11, 14)


# ---------------------------------------------------------------- 统计数据准时发布


@pytest.mark.django_db
def test_data_release_on_its_announced_minute(agency, department, make_user):
    author = make_user(Role.DRAFTER)

    def release(title, minute, approved_at=None, state="confirmed"):
        r = DataRelease.objects.create(
            agency=agency, title=title, scheduled_at=minute, state=state, department=department
        )
        if approved_at:
            _published(r, agency, author, approved_at)
        return r

    release("按时", at(16, 9, 30), approved_at=at(16, 9, 30))
    release("提前批准", at(17, 9, 30), approved_at=at(15, 15))
    release("晚一分钟", at(18, 9, 30), approved_at=at(18, 9, 31))
    release("未批准", at(19, 9, 30))
    release("仍为拟定", at(20, 9, 30), state="provisional")
    release("已取消", at(21, 9, 30), state="cancelled")
    release("未到时间", NOW + timedelta(hours=1), approved_at=at(22))
    moved = release("过时后改期", at(24, 9, 30), approved_at=at(24, 9, 0))
    ReleaseDateChange.objects.create(
        release=moved, previous_at=at(23, 9, 30), new_at=at(24, 9, 30), note="延期", changed_at=at(23, 10)
    )
    rows = response_measures.data_releases_on_time(agency, Q4, now=NOW)
    assert [(r.label, r.met) for r in rows] == [
        ("按时", True),
        ("提前批准", True),
        ("晚一分钟", False),
        ("未批准", False),
        ("仍为拟定", False),
        ("过时后改期", False),
    ]
    assert "晚于发布时间" in rows[2].detail and "原定时间过后才调整发布时间 1 次" in rows[5].detail


# ---------------------------------------------------------------- months


def test_month_periods_and_the_twelve_months_of_the_dashboard():
    from gongkai.assessment.records import last_twelve_months

    november = measures.parse_period("2026-11")
    assert (november.start, november.end, november.label) == (
        date(2026, 11, 1),
        date(2026, 11, 30),
        "2026 年 11 月",
    )
    assert measures.parse_period("2026-13") is None and measures.parse_period("2026-1") is None
    span, months = last_twelve_months(date(2026, 2, 10))
    assert months[0] == date(2025, 3, 1) and months[-1] == date(2026, 2, 1) and len(months) == 12
    assert (span.start, span.end) == (date(2025, 3, 1), date(2026, 2, 28))
