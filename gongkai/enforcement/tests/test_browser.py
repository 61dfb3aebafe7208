"""The public finds a penalty decision (masked), checks an officer's certificate, and reads a draw."""

from datetime import date

import pytest

from gongkai.enforcement import services
from gongkai.enforcement.models import InspectionItem
from tests.browser.helpers import shot

from .conftest import VALID_ID


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_public_reads_masked_decision_certificate_and_draw(page, make_decision, office_user, publish, agency):
    d = make_decision(
        title="某个体工商户迟报统计资料案",
        party_type="individual",
        party_name="王小明",
        party_id_number=VALID_ID,
        facts=f"王小明（身份证号 {VALID_ID}）迟报统计报表。",
    )
    publish(d, author=office_user)
    services.save_reference(
        actor=office_user,
        agency=agency,
        kind="officer",
        name="林一鸣",
        certificate_number="35010023001",
        valid_until=date(2028, 12, 31),
        active=True,
    )
    item = InspectionItem.objects.create(
        agency=agency,
        name="统计数据质量检查",
        subject="规模以上工业企业",
        basis="《中华人民共和国统计法》第三十八条",
        method="现场检查",
    )
    inspection = services.create_inspection(
        actor=office_user,
        agency=agency,
        item=item,
        title="2026年第一批双随机抽查",
        objects=["甲公司", "乙公司", "丙公司", "丁公司"],
        inspectors=["林一鸣", "陈思远", "黄志强"],
        object_count=2,
        inspector_count=2,
    )
    services.perform_draw(actor=office_user, inspection=inspection)

    page.goto(page.base_url + "/bsfw/")
    page.get_by_role("link", name="执法公示").first.click()
    assert page.get_by_role("heading", name="行政执法公示", level=1).is_visible()
    assert page.get_by_role("cell", name="王**").is_visible()
    page.get_by_role("link", name="某个体工商户迟报统计资料案").click()
    body = page.locator("main").inner_text()
    assert "王小明" not in body and VALID_ID not in body
    assert "王**（身份证号 110105********002X）迟报统计报表。" in body
    page.set_viewport_size({"width": 1366, "height": 900})
    shot(page, "enforcement-1-decision-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "enforcement-2-decision-390")

    page.goto(page.base_url + "/bsfw/zfgs/certificate/")
    page.get_by_label("执法证号").fill("35010023001")
    page.get_by_role("button", name="查询").click()
    assert page.get_by_role("cell", name="林一鸣").is_visible()
    assert page.get_by_role("cell", name="有效", exact=True).is_visible()
    shot(page, "enforcement-3-certificate-390")

    page.goto(page.base_url + "/bsfw/sjgk/")
    page.get_by_role("link", name="2026年第一批双随机抽查").click()
    inspection.refresh_from_db()
    assert page.get_by_text(inspection.seed).is_visible()
    assert page.locator("ol.drawn-objects").inner_text().split("\n") == inspection.drawn_objects
    page.set_viewport_size({"width": 1366, "height": 900})
    shot(page, "enforcement-4-draw-1366")
