"""The audit screen and the 代理审批人 screen at 390 px and 1366 px (issue 11.15, 11.16): labels, the
filters, and no horizontal scroll of the page (the table scrolls inside its region)."""

import pytest

from gongkai.accounts.roles import Role
from gongkai.core import audit
from tests.browser.helpers import shot, sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_audit_screen_with_labels_and_filters(page, agency, department, make_user):
    admin = make_user(Role.ADMINISTRATOR, Role.OPENNESS_OFFICE, username="admin1", full_name="管理员甲")
    make_user(Role.OPENNESS_OFFICE, department=department, username="gongkaiban", full_name="林晓")
    sign_in(page, "gongkaiban", password="wrong-password")
    sign_in(page, "admin1")
    audit.record(actor=admin, verb="department.created", obj=department)
    page.goto(page.base_url + "/office/publishing/approvals/")  # refused: not an approver
    for width, height in [(390, 844), (1366, 900)]:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(page.base_url + "/office/audit/")
        rows = page.locator("tbody tr")
        texts = " ".join(rows.all_inner_texts())
        assert (
            "登录失败" in texts and "登录成功" in texts and "越权操作被拒绝" in texts and "新建处室" in texts
        )
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        shot(page, f"audit-screen-{width}")
    page.select_option("#f-verb", "auth.login_failed")
    page.get_by_role("button", name="筛选").click()
    assert page.locator("tbody tr").count() == 1
    assert "林晓" in page.locator("tbody tr").inner_text()  # the account tried

    page.goto(page.base_url + "/office/publishing/substitute/")
    page.select_option("#id_user", label="林晓")
    page.fill("#id_reason", "分管领导休假")
    page.get_by_role("button", name="指定").click()
    page.wait_for_selector("text=已指定代理审批人")
    for width, height in [(390, 844), (1366, 900)]:
        page.set_viewport_size({"width": width, "height": height})
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        shot(page, f"substitute-approver-{width}")
