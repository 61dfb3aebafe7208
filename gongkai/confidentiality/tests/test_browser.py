from pathlib import Path

import pytest

from gongkai.accounts.roles import Role
from gongkai.confidentiality import services
from gongkai.confidentiality.demo import load_negative_list
from gongkai.confidentiality.models import ScanFinding

from . import builders as b

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_public_reads_the_negative_list_under_government_information(page, agency, make_user):
    page.goto(page.base_url + "/xxgk/fmqd/")
    assert page.get_by_role("heading", level=1).inner_text() == "不予公开事项清单"
    assert page.get_by_text("本机关尚未公布不予公开事项清单").is_visible()
    load_negative_list(agency=agency, users={"gongkaiban": make_user(Role.OPENNESS_OFFICE)})
    page.goto(page.base_url + "/xxgk/fmqd/")
    breadcrumb = page.get_by_role("navigation", name="当前位置")
    assert breadcrumb.get_by_role("link", name="政府信息公开").get_attribute("href") == "/xxgk/"
    assert page.locator(".negative-list > li").count() == 6
    assert page.get_by_text("《中华人民共和国统计法》第二十八条").first.is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "confidentiality-negative-list.png"), full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_reviewer_overrides_a_finding_on_the_report_page(page, agency, department, make_user):
    make_user(Role.CONFIDENTIALITY_REVIEWER, username="baomi")
    report = services.run_scan(
        actor=None,
        agency=agency,
        subject=department,
        stage="submission",
        sources=[],
        files=[("名单.xlsx", b.xlsx([["姓名", "身份证号", "手机"], ["张三", b.VALID_ID, "13812345678"]]))],
    )
    page.goto(page.base_url + "/office/login/")
    page.fill("#id_username", "baomi")
    page.fill("#id_password", "Secret-pass-2026")
    page.keyboard.press("Enter")
    page.wait_for_url("**/office/")
    page.goto(page.base_url + f"/office/confidentiality/reports/{report.pk}/")
    page.get_by_text("确认并说明理由").click()
    page.get_by_label("确认理由").fill("经核实为本人同意公开的获奖名单")
    page.screenshot(path=str(ARTIFACTS / "confidentiality-report.png"), full_page=True)
    page.get_by_role("button", name="确认此项").click()
    assert page.get_by_text("已确认检查发现").is_visible()
    assert page.get_by_text("理由：经核实为本人同意公开的获奖名单").is_visible()
    high = ScanFinding.objects.get(report=report, severity="high")
    assert high.override_reason == "经核实为本人同意公开的获奖名单"
