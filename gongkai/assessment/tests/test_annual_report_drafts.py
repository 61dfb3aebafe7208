"""The annual report (年度报告): sections 一 / 五 / 六 start as drafts written from the year's records (五
prompted by this app's failed indicators and measures, so the test lives here: annual_reports sits below
assessment); the whole report — every section, not only tables 二-四 — is checked before submission, and
a refusal names the section."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from gongkai.annual_reports import drafts, services
from gongkai.annual_reports.tests.conftest import COMPLETE
from gongkai.assessment.models import IndicatorResult, InspectionRun
from gongkai.core.errors import ValidationFailed
from gongkai.foi_requests.models import FoiRequest
from gongkai.key_tasks.models import KeyTask
from gongkai.public_messages.models import Message

SH = ZoneInfo("Asia/Shanghai")
FIGURES = {k: v for k, v in COMPLETE.items() if k not in services.NARRATIVE_SECTIONS}


def _records(agency, department, author):
    FoiRequest.objects.create(
        agency=agency,
        tracking_number="2025-0001",
        token_hash="t1",
        channel="online",
        applicant_type="natural_person",
        applicant_name="张三",
        id_type="resident_id",
        id_number_masked="1101**********002X",
        id_number_digest="d1",
        phone="13800000000",
        description="统计年鉴",
        delivery_form="electronic",
        delivery_channel="email",
        submitted_at=datetime(2025, 3, 2, 9, tzinfo=SH),
        closed_on=date(2025, 3, 20),
        fee_method="per_request",
        fee_amount=100,
        fee_full_amount=200,
    )
    for n, replied in enumerate((datetime(2025, 4, 2, tzinfo=SH), None)):
        Message.objects.create(
            agency=agency,
            category="consult",
            subject=f"留言{n}",
            body="内容",
            state="replied" if replied else "received",
            reply="已答复" if replied else "",
            received_at=datetime(2025, 4, 1, tzinfo=SH),
            warn_on=date(2025, 4, 8),
            due_on=date(2025, 4, 10),
            replied_at=replied,
        )
    KeyTask.objects.create(
        agency=agency,
        year=2025,
        title="统计数据开放",
        target="全部开放",
        department=department,
        due_on=date(2025, 12, 31),
        created_by=author,
    )
    run = InspectionRun.objects.create(
        agency=agency, checked_at=datetime(2025, 6, 1, 9, tzinfo=SH), trigger="scheduled", verdict="fail"
    )
    IndicatorResult.objects.create(
        run=run,
        code="empty_columns",
        name="空白栏目",
        verdict="fail",
        rule="规则",
        source="国办秘函〔2019〕19号",
        summary="6 个空白栏目。",
    )


@pytest.mark.django_db
def test_sections_one_five_six_are_drafted_from_the_years_records(agency, department, office_user):
    _records(agency, department, office_user)
    report = services.create_report(actor=office_user, year=2025, prefill=True)
    assert "全年收到政府信息公开申请 1 件，办结 1 件" in report.overview
    assert "收到网民留言 2 件，答复 1 件" in report.overview
    # 五: prompted by the failed inspection indicator of the year (assessment registers the source).
    assert "网站自查“空白栏目”不合格 1 次（最近一次 2025-06-01：6 个空白栏目。）" in report.problems
    # 六: the fee totals per 国办函〔2020〕109号 and the year's key tasks.
    assert "国办函〔2020〕109号" in report.other_matters
    assert "对 1 件申请收取信息处理费，共计 100 元，减免 100 元" in report.other_matters
    assert "本年度公开重点任务 1 项" in report.other_matters
    assert drafts.has_gap(report.overview) and drafts.has_gap(report.other_matters)


@pytest.mark.django_db
def test_a_draft_with_a_gap_is_refused_naming_its_section(agency, office_user):
    report = services.create_report(actor=office_user, year=2025, prefill=True, **FIGURES)
    with pytest.raises(ValidationFailed) as refused:
        services.submit_report(actor=office_user, report=report)
    assert refused.value.field == "overview"
    assert (
        "“一、总体情况”还有草稿中待填写的内容 【待填写：本年度政务公开工作的主要部署和成效】"
        in refused.value.message
    )
    assert "第五十条" in refused.value.message
    services.update_report(actor=office_user, report=report, overview="2025年，本局推进政务公开。")
    with pytest.raises(ValidationFailed) as refused:
        services.submit_report(actor=office_user, report=report)
    assert refused.value.field == "problems" and "五、存在的主要问题及改进情况" in refused.value.message
    services.update_report(actor=office_user, report=report, problems="数据解读不够通俗；已改进。")
    services.update_report(actor=office_user, report=report, other_matters="")
    with pytest.raises(ValidationFailed) as refused:
        services.submit_report(actor=office_user, report=report)
    assert refused.value.message.startswith("年度报告不完整，不能提交：请填写“六、其他需要报告的事项”")
    services.update_report(actor=office_user, report=report, other_matters="本年度未收取信息处理费。")
    workflow = services.submit_report(actor=office_user, report=report)
    assert workflow.state == "submitted"


@pytest.mark.django_db
def test_office_creates_a_prefilled_draft_and_sees_the_refusal(client, agency, office_user):
    client.force_login(office_user)
    response = client.post("/office/annual-reports/new/", {"year": "2025"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "【待填写：政府网站和政务新媒体建设管理情况】" in page and "国办函〔2020〕109号" in page
    submitted = client.post(response["Location"] + "submit/", follow=True).content.decode()
    assert "年度报告不完整，不能提交：“一、总体情况”还有草稿中待填写的内容" in submitted


@pytest.mark.django_db
def test_office_redrafts_a_section_from_the_records_as_they_are_now(client, agency, department, office_user):
    report = services.create_report(actor=office_user, year=2025, prefill=True, **FIGURES)
    services.update_report(actor=office_user, report=report, problems="本办自己写的。")
    _records(agency, department, office_user)  # the year's last records came in afterwards
    client.force_login(office_user)
    page = client.get(f"/office/annual-reports/{report.pk}/").content.decode()
    assert "按记录重新起草第五部分" in page
    response = client.post(f"/office/annual-reports/{report.pk}/redraft/problems/")
    assert response.status_code == 302
    report.refresh_from_db()
    assert "网站自查“空白栏目”不合格 1 次" in report.problems
    assert "全年收到政府信息公开申请 0 件" in report.overview  # the other sections are left alone
    client.post(f"/office/annual-reports/{report.pk}/redraft/figures/")
    report.refresh_from_db()
    assert "网站自查“空白栏目”" in report.problems
