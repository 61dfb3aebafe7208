"""Must show (issue 7): a message is submitted, routed, answered and published with both times."""

import pytest

from gongkai.accounts.roles import Role
from tests.browser.helpers import shot, sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_message_submitted_routed_answered_and_published(page, agency, department, make_user):
    make_user(Role.OPENNESS_OFFICE, username="gongkaiban", full_name="林晓")
    make_user(Role.DRAFTER, department=department, username="chengban", full_name="陈明")

    page.goto(page.base_url + "/hdjl/ly/write/")
    page.get_by_label("建言").check()
    page.fill("#id_subject", "建议公布分县（市）区季度GDP")
    page.fill("#id_body", "建议在统计数据库中公布各县（市）区的季度地区生产总值数据。")
    page.check("#id_wants_publication")  # unticked by default (issue 11 item 28)
    page.get_by_role("button", name="提交留言").click()
    page.wait_for_selector("h1:has-text('我的留言')")
    track = page.locator(".secret-link a").inner_text()
    number = page.locator("h1").inner_text().split()[-1]
    assert page.locator(".message-state").inner_text() == "待分办"

    sign_in(page, "gongkaiban")
    page.goto(page.base_url + "/office/messages/?queue=unrouted")
    page.get_by_role("link", name="建议公布分县（市）区季度GDP").click()
    page.select_option("#id_department", label="综合处")
    page.get_by_role("button", name="分办").click()
    page.wait_for_selector("text=已分办至综合处")

    sign_in(page, "chengban")
    page.goto(page.base_url + "/office/messages/?queue=due")
    page.get_by_role("link", name="建议公布分县（市）区季度GDP").click()
    page.fill("#id_reply", "感谢您的建议。分县（市）区季度数据将自下季度起在统计数据库中公布。")
    page.get_by_role("button", name="答复").click()
    page.wait_for_selector("text=已答复。")

    sign_in(page, "gongkaiban")
    page.goto(page.base_url + "/office/messages/?queue=moderation")
    page.get_by_role("link", name="建议公布分县（市）区季度GDP").click()
    page.get_by_role("button", name="公开", exact=True).click()
    page.wait_for_selector("text=已公开。")

    page.context.clear_cookies()
    page.goto(page.base_url + "/hdjl/ly/")
    page.get_by_role("link", name="建议公布分县（市）区季度GDP").click()
    meta = page.locator("table.meta-table").inner_text()
    assert number in meta and "留言时间" in meta and "答复时间" in meta
    assert "自下季度起" in page.locator(".message-body.reply").inner_text()
    shot(page, "messages-published")
    page.goto(track)
    assert page.locator(".message-state").inner_text() == "已答复"
    page.get_by_label("满意", exact=True).check()
    page.get_by_role("button", name="提交评价").click()
    page.wait_for_selector("text=您的评价")
