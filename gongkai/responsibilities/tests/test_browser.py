"""The openness office adjusts the power list, publishes version 2 through the workflow, and the public
sees the diff between versions 1 and 2."""

import pytest

from gongkai.responsibilities.models import ListVersion
from tests.browser.helpers import shot, sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_office_adjusts_publishes_v2_and_public_sees_the_diff(
    page, first_version, office_user, reviewer, approver
):
    sign_in(page, "gongkaiban")
    page.goto(page.base_url + "/office/responsibilities/")
    page.get_by_role("link", name="调整清单").click()
    page.get_by_label("调整说明").fill("依据2024年修正的统计法更新处罚依据，新增统计调查项目审批")
    page.get_by_label("生效日期").fill("2026-07-01")
    page.get_by_role("button", name="生成新版本草稿").click()
    assert page.get_by_text("已生成第 2 版草稿").is_visible()

    page.get_by_role("row", name="QL-CF-001").get_by_role("link", name="修改").click()
    page.locator("#id_basis").fill("《中华人民共和国统计法》（2024年修正）第四十四条")
    page.get_by_role("button", name="保存").click()
    page.get_by_role("link", name="新增职权事项").click()
    page.get_by_label("职权编码").fill("QL-QR-001")
    page.get_by_label("职权名称").fill("部门统计调查项目审批")
    page.get_by_label("职权类型").select_option(label="行政确认")
    page.get_by_label("行使主体").fill("福州市统计局")
    page.locator("#id_basis").fill("《中华人民共和国统计法》第十五条")
    page.get_by_role("button", name="保存").click()
    assert page.get_by_role("heading", name="与现行第 1 版相比的变化（2）").is_visible()
    shot(page, "responsibilities-1-office-v2-draft")

    page.get_by_role("link", name="发布流程（提交审查、审批）").click()
    page.get_by_role("button", name="提交审查").click()

    sign_in(page, "baomi")
    page.goto(page.base_url + "/office/publishing/review/")
    page.get_by_role("button", name="审查通过").click()
    assert page.get_by_text("保密审查已通过").is_visible()

    sign_in(page, "lingdao")
    page.goto(page.base_url + "/office/publishing/approvals/")
    page.get_by_role("button", name="批准发布").click()
    assert ListVersion.objects.get(number=2).status == "published"

    page.context.clear_cookies()
    page.goto(page.base_url + "/bsfw/")
    page.get_by_role("link", name="权责清单").first.click()
    assert page.get_by_role("heading", name="权责清单", level=1).is_visible()
    assert page.get_by_role("link", name="部门统计调查项目审批").is_visible()
    page.get_by_role("link", name="版本比较").click()
    assert page.get_by_role("heading", name="第 1 版 → 第 2 版").is_visible()
    changes = page.locator("ul.version-changes > li")
    assert changes.count() == 2
    assert changes.nth(0).inner_text().startswith("调整 QL-CF-001")
    assert "（2024年修正）第四十四条" in changes.nth(0).locator("ins").inner_text()
    assert changes.nth(1).inner_text().startswith("新增 QL-QR-001 部门统计调查项目审批")
    page.set_viewport_size({"width": 1366, "height": 900})
    shot(page, "responsibilities-2-public-diff-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "responsibilities-3-public-diff-390")
    page.goto(page.base_url + "/bsfw/qzqd/")
    shot(page, "responsibilities-4-public-list-390")
