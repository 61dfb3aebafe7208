import pytest

from gongkai.annual_reports import services, tables
from gongkai.annual_reports.models import AnnualReport, Status
from gongkai.core.errors import Conflict, InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.foi_requests import statistics
from gongkai.foi_requests.models import ReviewCase
from gongkai.publishing.selectors import workflow_for


@pytest.mark.django_db
def test_a_draft_is_created_once_per_year_and_audited(make_report, office_user):
    report = make_report(2025)
    assert report.status == Status.DRAFT and report.created_by == office_user
    assert AuditEvent.objects.filter(verb="annual_reports.created").count() == 1
    with pytest.raises(Conflict, match="2025年的年度报告已经存在"):
        make_report(2025)


@pytest.mark.django_db
def test_only_the_openness_office_writes_reports(drafter, supervisor):
    for user in (drafter, supervisor):
        with pytest.raises(PermissionDenied):
            services.create_report(actor=user, year=2025)
    assert not AnnualReport.objects.exists()


@pytest.mark.django_db
def test_submit_refuses_a_missing_figure_naming_the_cell(make_report, office_user):
    report = make_report(2025, rules_issued=None)
    with pytest.raises(ValidationFailed) as caught:
        services.submit_report(actor=office_user, report=report)
    assert "表二“规章”行“本年制发件数”尚未填写" in caught.value.message
    assert caught.value.field == "rules_issued"
    assert workflow_for(report) is None


@pytest.mark.django_db
def test_submit_refuses_when_table3_does_not_add_up_naming_the_cell(make_report, office_user, monkeypatch):
    original = statistics.compute_table3

    def broken(agency, year):
        table = original(agency, year)
        table.counts[("new", "natural_person")] = 2  # received 2, but nothing answered or carried over
        table.counts[("new", "total")] = 2
        return table

    monkeypatch.setattr(statistics, "compute_table3", broken)
    report = make_report(2025)
    with pytest.raises(ValidationFailed) as caught:
        services.submit_report(actor=office_user, report=report)
    assert caught.value.message == (
        "统计表未通过校验，不能提交：表三“四、结转下年度继续办理”行“自然人”列应为 2，实为 0"
        "（第一项加第二项之和应等于第三项加第四项之和）。"
    )
    assert workflow_for(report) is None


@pytest.mark.django_db
def test_submit_refuses_when_table4_total_is_not_the_sum_of_the_four(make_report, office_user, monkeypatch):
    original = statistics.compute_table4

    def broken(agency, year):
        table = original(agency, year)
        table["suit_direct"]["total"] = 1
        return table

    monkeypatch.setattr(statistics, "compute_table4", broken)
    report = make_report(2025)
    with pytest.raises(ValidationFailed, match="表四“未经复议直接起诉”行“总计”列应为 0，实为 1"):
        services.submit_report(actor=office_user, report=report)


@pytest.mark.django_db
def test_submit_refuses_an_empty_section(make_report, office_user):
    report = make_report(2025, problems="")
    with pytest.raises(ValidationFailed, match="五、存在的主要问题及改进情况"):
        services.submit_report(actor=office_user, report=report)


@pytest.mark.django_db
def test_the_snapshot_is_frozen_at_publication(make_report, publish, agency):
    ReviewCase.objects.create(agency=agency, kind="review", year=2025, result="upheld")
    report = publish(make_report(2025))
    assert report.status == Status.PUBLISHED and report.published_at is not None
    assert report.snapshot["table4"]["review"] == {
        "upheld": 1,
        "corrected": 0,
        "other": 0,
        "pending": 0,
        "total": 1,
    }
    frozen = dict(report.snapshot)

    # A case entered later changes the live computation but never the published report.
    ReviewCase.objects.create(agency=agency, kind="review", year=2025, result="corrected")
    live, _problems = tables.compute(report)
    assert live["table4"]["review"]["total"] == 2
    report.refresh_from_db()
    assert report.snapshot == frozen
    assert AuditEvent.objects.filter(verb="annual_reports.published").count() == 1


@pytest.mark.django_db
def test_a_published_report_is_not_edited_in_place(make_report, publish, office_user):
    report = publish(make_report(2025))
    with pytest.raises(InvalidTransition, match="已发布的年度报告不能修改"):
        services.update_report(actor=office_user, report=report, overview="改写")


@pytest.mark.django_db
def test_a_submitted_report_waits_for_review_and_cannot_be_edited(make_report, office_user):
    report = make_report(2025)
    workflow = services.submit_report(actor=office_user, report=report)
    assert workflow.state == "submitted"
    with pytest.raises(InvalidTransition, match="已提交审查或审批"):
        services.update_report(actor=office_user, report=report, overview="改写")


@pytest.mark.django_db
def test_amount_with_more_than_four_decimals_is_refused(make_report, office_user):
    report = make_report(2025)
    with pytest.raises(ValidationFailed) as caught:
        services.update_report(actor=office_user, report=report, fees_amount="1.23456")
    assert caught.value.field == "fees_amount"


@pytest.mark.django_db
def test_a_withdrawn_report_is_corrected_and_published_again_with_a_new_snapshot(
    make_report, publish, office_user, agency, client
):
    from gongkai.publishing import services as publishing

    report = publish(make_report(2025))
    publishing.withdraw(actor=office_user, workflow=workflow_for(report), reason="表四漏录一件复议案件")
    report.refresh_from_db()
    assert report.status == Status.WITHDRAWN
    gone = client.get("/xxgk/ndbg/2025/")
    assert gone.status_code == 410 and "表四漏录一件复议案件" in gone.content.decode()

    ReviewCase.objects.create(agency=agency, kind="review", year=2025, result="pending")
    services.update_report(actor=office_user, report=report, overview="更正后的总体情况")
    report = publish(report)
    assert report.status == Status.PUBLISHED
    assert report.snapshot["table4"]["review"]["pending"] == 1
    assert "更正后的总体情况" in client.get("/xxgk/ndbg/2025/").content.decode()
