import pytest

from gongkai.annual_reports.demo import load_annual_reports
from gongkai.annual_reports.models import AnnualReport, Status


@pytest.mark.django_db
def test_demo_publishes_2025_and_drafts_2026_idempotently(agency, office_user, reviewer, approver, client):
    # The whole demo (gongkai demo load) is exercised by tests/test_demo_crawl.py; here only this loader.
    users = {"gongkaiban": office_user, "baomi": reviewer, "lingdao": approver}
    load_annual_reports(agency=agency, users=users)
    load_annual_reports(agency=agency, users=users)
    reports = {r.year: r for r in AnnualReport.objects.all()}
    assert sorted(reports) == [2025, 2026]
    assert reports[2025].status == Status.PUBLISHED and reports[2026].status == Status.DRAFT
    page = client.get("/xxgk/ndbg/2025/").content.decode()
    assert "福州市统计局2025年政府信息公开工作年度报告" in page and "演示数字" in page
