"""条例 Art. 49 (每年1月31日前公布上一年度的年度报告): a report covers a whole year, so it is submitted and
published only after its year has ended; a draft of the running year can be viewed, never published.
And a withdrawn report answers 410 with its reason (issue 11 item 9)."""

from datetime import date

import pytest
from django.utils import timezone

from gongkai.accounts.services import issue_api_token
from gongkai.annual_reports import deadlines, services
from gongkai.annual_reports.models import AnnualReport, Status
from gongkai.core.errors import InvalidTransition
from gongkai.publishing import services as publishing
from gongkai.publishing.models import Workflow
from gongkai.publishing.selectors import workflow_for

pytestmark = pytest.mark.django_db
RUNNING = "尚未结束，年度报告只能在年度结束后提交发布（《中华人民共和国政府信息公开条例》第四十九条"


@pytest.mark.parametrize(
    ("year", "today", "ended"),
    [
        (2025, date(2025, 12, 31), False),  # the last day of the year: still running
        (2025, date(2026, 1, 1), True),  # 1 January: the year has ended (due 31 January, Art. 49)
        (2025, date(2026, 1, 31), True),
        (2026, date(2025, 6, 1), False),  # a future year
    ],
)
def test_art49_the_year_has_ended_from_1_january(year, today, ended):
    assert deadlines.year_has_ended(year, today) is ended


def test_art49_submitting_the_running_years_report_is_refused_and_nothing_changes(make_report, office_user):
    year = timezone.localdate().year
    report = make_report(year)
    with pytest.raises(InvalidTransition) as refused:
        services.submit_report(actor=office_user, report=report)
    assert RUNNING in refused.value.message and refused.value.field == "year"
    report.refresh_from_db()
    assert report.status == Status.DRAFT
    assert workflow_for(report) is None


def test_art49_an_open_workflow_of_the_running_year_is_refused_at_submit_and_at_approval(
    make_report, office_user, reviewer, approver
):
    """The shared workflow (office screens and /api/v1/workflows) asks the adapter too."""
    report = make_report(timezone.localdate().year)
    workflow = publishing.start_workflow(actor=office_user, obj=report)
    with pytest.raises(InvalidTransition, match="第四十九条"):
        publishing.submit(actor=office_user, workflow=workflow)
    assert Workflow.objects.get(pk=workflow.pk).state == "draft"
    # A workflow that reached approval anyway (e.g. submitted before a clock correction) is refused there.
    Workflow.objects.filter(pk=workflow.pk).update(state="approval")
    workflow.refresh_from_db()
    with pytest.raises(InvalidTransition, match="第四十九条"):
        publishing.approve(actor=approver, workflow=workflow)
    assert Workflow.objects.get(pk=workflow.pk).state == "approval"
    assert AnnualReport.objects.get(pk=report.pk).status == Status.DRAFT


def test_art49_the_api_refuses_submitting_the_running_year_with_problem_json(
    client, make_report, office_user
):
    report = make_report(timezone.localdate().year)
    workflow = publishing.start_workflow(actor=office_user, obj=report)
    token = issue_api_token(actor=office_user, label="测试")[1]
    response = client.post(f"/api/v1/workflows/{workflow.pk}/submit", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert RUNNING in body["title"] and body["field"] == "year"
    assert Workflow.objects.get(pk=workflow.pk).state == "draft"


def test_art49_the_office_shows_the_running_years_draft_without_a_submit_button(
    staff_client, make_report, office_user
):
    year = timezone.localdate().year
    report = make_report(year)
    client = staff_client(office_user)
    page = client.get(f"/office/annual-reports/{report.pk}/").content.decode()
    assert f"{year}年度尚未结束" in page and "第四十九条" in page
    assert "提交审查并进入发布流程" not in page
    assert client.get(f"/office/annual-reports/{report.pk}/docx/").status_code == 200  # viewable
    response = client.post(f"/office/annual-reports/{report.pk}/submit/", follow=True)
    assert RUNNING in response.content.decode()
    assert workflow_for(report) is None
    previous = make_report(year - 1)
    assert "提交审查并进入发布流程" in client.get(f"/office/annual-reports/{previous.pk}/").content.decode()


def test_a_withdrawn_report_answers_410_with_its_reason_on_the_page_word_and_api(
    client, make_report, publish, office_user
):
    report = publish(make_report(2025))
    publishing.withdraw(
        actor=office_user, workflow=workflow_for(report), reason="表三数字有误，更正后重新发布"
    )
    page = client.get("/xxgk/ndbg/2025/")
    assert page.status_code == 410
    text = page.content.decode()
    assert "该年度报告已撤回" in text and "撤回原因：表三数字有误，更正后重新发布" in text
    assert client.get("/xxgk/ndbg/2025/docx/").status_code == 410
    api = client.get("/api/v1/annual-reports/2025")
    assert api.status_code == 410 and api["Content-Type"] == "application/problem+json"
    assert api.json()["code"] == "withdrawn" and "表三数字有误，更正后重新发布" in api.json()["title"]
    # Being corrected (back in the workflow): still 410, never a silent 404.
    services.submit_report(actor=office_user, report=report)
    assert client.get("/xxgk/ndbg/2025/").status_code == 410
    # A year that never had a report stays 404.
    assert client.get("/xxgk/ndbg/2019/").status_code == 404
    assert client.get("/api/v1/annual-reports/2019").status_code == 404
