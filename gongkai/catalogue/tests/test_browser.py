"""Must show (issue 3): an item goes from draft through review (a finding the reviewer resolves) and
approval to its public page, the feed and the catalogue — in a real browser, on the real screens."""

import pytest

from gongkai.accounts.roles import Role
from tests.browser.helpers import shot, sign_in

from .conftest import make_docx, valid_resident_id


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_item_from_draft_through_review_and_approval_to_the_public(
    page, agency, department, make_user, tmp_path
):
    make_user(Role.DRAFTER, department=department, username="chengban", full_name="陈明")
    make_user(Role.CONFIDENTIALITY_REVIEWER, username="baomi", full_name="黄静")
    make_user(Role.APPROVER, username="lingdao", full_name="王建国")
    resident_id = valid_resident_id()
    attachment = tmp_path / "2026年第一季度统计调查对象名单.docx"
    attachment.write_bytes(make_docx("调查对象联系人：张三", f"身份证号码：{resident_id}"))

    # 承办人 drafts the item and attaches the file.
    sign_in(page, "chengban")
    page.goto(page.base_url + "/office/catalogue/new/")
    page.fill("#id_title", "2026年第一季度规模以上工业统计调查工作通知")
    page.fill("#id_summary", "布置一季度规模以上工业统计调查工作")
    page.select_option("#id_category", "execution")
    page.locator(".body-editor-area").fill("各有关单位：请按时报送一季度统计报表。")  # the 正文 editor
    page.get_by_role("button", name="保存草稿").click()
    page.wait_for_selector("text=已新建草稿")
    page.set_input_files("#id_file", str(attachment))
    page.get_by_role("button", name="上传", exact=True).click()
    page.wait_for_selector("text=已上传附件")
    assert page.locator("text=2026年第一季度统计调查对象名单.docx").count() >= 1
    shot(page, "catalogue-1-draft")
    index_number = page.locator("p strong").first.inner_text()
    page.get_by_role("link", name="发布流程（提交审查、审批）").click()
    page.get_by_role("button", name="提交审查").click()
    page.wait_for_selector("text=待保密审查")

    # 保密审查员 sees the resident ID finding, overrides it with a reason, passes the review.
    sign_in(page, "baomi")
    page.goto(page.base_url + "/office/publishing/review/")
    finding_row = page.locator("tr.severity-high").first
    assert resident_id not in page.content()  # the excerpt is masked
    assert "附件《2026年第一季度统计调查对象名单.docx》" in finding_row.inner_text()
    shot(page, "catalogue-2-review-finding")
    finding_row.locator("input[name=reason]").fill("该身份证号码为调查对象联系人，已取得本人同意公开")
    finding_row.get_by_role("button", name="确认忽略").click()
    page.wait_for_selector("text=已确认忽略")
    page.get_by_role("button", name="审查通过").first.click()
    page.wait_for_load_state()

    # 分管领导 approves.
    sign_in(page, "lingdao")
    page.goto(page.base_url + "/office/publishing/approvals/")
    page.get_by_role("button", name="批准发布").first.click()
    page.wait_for_load_state()
    shot(page, "catalogue-3-approved")

    # The public sees it: item page, catalogue, feed.
    page.context.clear_cookies()
    slug = index_number.replace("/", "-")
    page.goto(page.base_url + f"/xxgk/items/{slug}/")
    assert page.locator("h1.info-title").inner_text() == "2026年第一季度规模以上工业统计调查工作通知"
    assert page.locator("table.info-meta").inner_text().count(index_number) == 1
    assert page.locator(".info-body script").count() == 0
    assert page.get_by_role("link", name="2026年第一季度统计调查对象名单.docx").count() == 1
    shot(page, "catalogue-4-public-item")
    page.goto(page.base_url + "/xxgk/catalogue/?category=execution")
    assert page.get_by_role("link", name="2026年第一季度规模以上工业统计调查工作通知").count() == 1
    shot(page, "catalogue-5-catalogue")
    response = page.request.get(page.base_url + "/xxgk/feed/rss/")
    assert response.ok and "2026年第一季度规模以上工业统计调查工作通知" in response.text()
