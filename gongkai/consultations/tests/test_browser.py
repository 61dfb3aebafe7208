"""Must show (issue 7): a member of the public comments on one article of an open consultation; staff
approve it; after closing, staff record dispositions and publish the report through the workflow
screens; the report is on the consultation's page."""

import pytest

from gongkai.consultations.models import Comment
from tests.browser.helpers import shot, sign_in

from .conftest import close


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_comment_moderation_dispositions_and_report_on_the_consultation_page(
    page, open_consultation, office_user, drafter
):
    c = open_consultation

    # A member of the public comments on 第三条 (no account, no JavaScript needed).
    page.goto(page.base_url + f"/hdjl/zqyj/{c.pk}/")
    assert page.locator(".phase-open").inner_text() == "正在征求意见"
    page.get_by_role("link", name="对第三条提出意见").click()
    assert page.locator("#id_article").input_value() == str(c.articles.get(position=3).pk)
    page.fill("#id_body", "建议第三条增加“公开”原则，检查结果应当向社会公开。<b>谢谢</b>")
    page.fill("#id_name", "市民张先生")
    page.get_by_role("button", name="提交意见").click()
    page.wait_for_selector("h1:has-text('我的意见')")
    assert page.locator(".comment-state").inner_text() == "待审核"
    assert "<b>谢谢</b>" in page.locator(".comment-body").inner_text()  # shown as text
    own_link = page.locator(".secret-link a").inner_text()
    shot(page, "consultations-1-own-comment")

    # The openness office approves it.
    sign_in(page, "gongkaiban")
    page.goto(page.base_url + "/office/consultations/moderation/")
    comment = Comment.objects.get()
    page.locator(f"#comment-{comment.pk}").get_by_role("button", name="公开", exact=True).click()
    page.wait_for_selector("text=已公开")
    shot(page, "consultations-2-moderated")

    # The public sees it under 第三条; the commenter sees the new state.
    page.context.clear_cookies()
    page.goto(page.base_url + f"/hdjl/zqyj/{c.pk}/")
    article = page.locator(f"#article-{comment.article_id}")
    assert "检查结果应当向社会公开" in article.inner_text()
    page.goto(own_link)
    assert page.locator(".comment-state").inner_text() == "已公开"

    # The window closes (the clock moves; nobody acts).
    close(c)

    # The drafting department records the disposition and generates the report.
    sign_in(page, "chengban")
    page.goto(page.base_url + f"/office/consultations/{c.pk}/dispositions/")
    page.check(f"#pick-{comment.pk}")
    page.select_option("#id_disposition", "adopted")
    page.fill("#id_reason", "已在第三条增加“公开”原则。")
    page.select_option("#id_changed_article", str(comment.article_id))
    page.get_by_role("button", name="保存处理意见").click()
    page.wait_for_selector("text=已为 1 条意见填写处理意见")
    page.get_by_role("link", name="生成采纳情况").click()
    page.fill("#id_introduction", "征求意见期间共收到意见 1 条，采纳 1 条。")
    page.get_by_role("button", name="生成采纳情况").click()
    page.wait_for_selector("text=已生成采纳情况")
    shot(page, "consultations-3-report-generated")
    page.locator("a", has_text="草稿").first.click()
    page.get_by_role("button", name="提交审查").click()
    page.wait_for_selector("text=待保密审查")

    # Review and approval on the publishing screens.
    sign_in(page, "baomi")
    page.goto(page.base_url + "/office/publishing/review/")
    page.get_by_role("button", name="审查通过").first.click()
    page.wait_for_load_state()
    sign_in(page, "lingdao")
    page.goto(page.base_url + "/office/publishing/approvals/")
    page.get_by_role("button", name="批准发布").first.click()
    page.wait_for_load_state()

    # The report is on the consultation's page.
    page.context.clear_cookies()
    page.goto(page.base_url + f"/hdjl/zqyj/{c.pk}/")
    assert "意见收集和采纳情况已公布" in page.locator(".notice-ok").inner_text()
    page.get_by_role("link", name="查看采纳情况").click()
    page.wait_for_selector("h1:has-text('征求意见采纳情况')")
    table = page.locator("table.report-table").first.inner_text()
    assert "采纳\t1" in table
    assert "已在第三条增加“公开”原则。" in page.content()
    shot(page, "consultations-4-public-report")
