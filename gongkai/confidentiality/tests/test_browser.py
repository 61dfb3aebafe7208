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


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [390, 1366])
def test_reviewer_sees_the_new_personal_data_kinds_masked(page, agency, department, make_user, width):
    """Issue 11 item 20 on the report page: Chinese labels, masked excerpts, no page-wide scroll."""
    make_user(Role.CONFIDENTIALITY_REVIEWER, username="baomi")
    rows = [
        ["姓名", "证件号码", "车辆", "邮箱", "电话"],
        ["张三", "护照 E12345678", "闽A·D12345", "zhangsan@163.com", "家庭电话 0591-87654321"],
        [
            "李四",
            "１１０１０５ １９４９１２３１ ００２Ｘ",
            "粤B12345D",
            "lisi@qq.com",
            "港澳通行证 C12345678",
        ],
    ]
    report = services.run_scan(
        actor=None,
        agency=agency,
        subject=department,
        stage="submission",
        sources=[],
        files=[
            ("名单.xlsx", b.xlsx(rows)),
            ("统计.xlsx", b.xlsx([["地区", "产值（万元）"], ["鼓楼区", 13812345678]])),
        ],
    )
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(page.base_url + "/office/login/")
    page.fill("#id_username", "baomi")
    page.fill("#id_password", "Secret-pass-2026")
    page.keyboard.press("Enter")
    page.wait_for_url("**/office/")
    page.goto(page.base_url + f"/office/confidentiality/reports/{report.pk}/")
    table = page.locator(".findings-table")
    for label in ("居民身份证号码", "护照号码", "港澳通行证号码", "机动车号牌", "个人电子邮箱", "住宅电话"):
        assert table.get_by_role("cell", name=label, exact=True).count() >= 1
    assert table.get_by_role("cell", name="手机号码", exact=True).count() == 0  # 13812345678 万元 is a figure
    assert "E12345678" not in page.content() and "zhangsan@" not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"confidentiality-personal-data-{width}.png"), full_page=True)
    table.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"confidentiality-personal-data-{width}-table.png"))
