"""The office screens in a real browser: draft → review with a finding resolved → approval → withdrawal."""

import pytest

from gongkai.publishing import services
from gongkai.publishing.models import Workflow
from gongkai.publishing.states import State
from tests.browser.helpers import shot, sign_in

from .conftest import VALID_ID


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_draft_review_with_a_finding_approval_and_withdrawal(page, content, people):
    content.duties = f"联系人身份证号 {VALID_ID}。"
    content.save()
    wf = services.start_workflow(actor=people["drafter"], obj=content)

    sign_in(page, "drafter")
    page.goto(page.base_url + "/office/publishing/")
    page.get_by_role("button", name="提交审查").click()
    assert page.get_by_text("已提交保密审查：2024年统计公报").is_visible()
    shot(page, "publishing-1-drafts")

    sign_in(page, "reviewer")
    page.goto(page.base_url + "/office/")
    page.get_by_role("link", name="待保密审查").click()
    assert page.get_by_text("110105********002X").is_visible()
    page.get_by_role("button", name="审查通过").click()
    assert page.get_by_text("须逐项确认忽略").first.is_visible()
    page.goto(page.base_url + "/office/publishing/review/")
    page.get_by_label("忽略理由").fill("该号码为国家标准中的公开示例")
    page.get_by_role("button", name="确认忽略").click()
    shot(page, "publishing-2-review-overridden")
    page.get_by_role("button", name="审查通过").click()
    assert page.get_by_text("保密审查已通过").is_visible()

    sign_in(page, "approver")
    page.goto(page.base_url + "/office/publishing/approvals/")
    shot(page, "publishing-3-approval")
    page.get_by_role("button", name="批准发布").click()
    assert page.get_by_text("已批准：2024年统计公报").is_visible()
    assert Workflow.objects.get(pk=wf.pk).state == State.PUBLISHED

    sign_in(page, "office")
    page.goto(page.base_url + "/office/publishing/published/")
    page.get_by_role("link", name="撤回").click()
    page.get_by_role("button", name="撤回").click()
    assert page.get_by_text("请填写撤回理由，该理由将向公众公开。").is_visible()
    page.get_by_label("撤回理由（将向公众公开）").fill("数据口径调整，更正后重新发布")
    page.get_by_role("button", name="撤回").click()
    assert page.get_by_text("已撤回：2024年统计公报").is_visible()
    shot(page, "publishing-4-detail-timeline")
    assert Workflow.objects.get(pk=wf.pk).withdrawal_reason == "数据口径调整，更正后重新发布"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [390, 1366])
def test_after_a_refused_review_the_next_actions_land_on_the_workflow_page(page, content, people, width):
    """Issue 11 item 10: 审查通过 refused → 确认忽略 → 审查通过; 批准发布 refused → 退回修改: every step
    lands on the workflow page, never on a blank HTTP 405."""
    page.set_viewport_size({"width": width, "height": 900})
    content.duties = f"联系人身份证号 {VALID_ID}。"
    content.save()
    wf = services.start_workflow(actor=people["drafter"], obj=content)
    services.submit(actor=people["drafter"], workflow=wf)
    detail = f"{page.base_url}/office/publishing/{wf.pk}/"

    sign_in(page, "reviewer")
    page.goto(detail)
    page.get_by_role("button", name="审查通过").click()
    assert page.get_by_text("须逐项确认忽略").first.is_visible()
    shot(page, f"publishing-refused-review-{width}")
    page.get_by_label("忽略理由").fill("该号码为国家标准中的公开示例")
    response = None
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="确认忽略").click()
    response = navigation.value
    assert response.status == 200 and page.url == detail
    assert page.get_by_text("已确认忽略该问题，理由已记录。").is_visible()
    page.get_by_role("button", name="审查通过").click()
    assert page.url == detail and page.get_by_text("保密审查已通过").is_visible()

    content.duties = f"联系人身份证号 {VALID_ID}，备用 110105194912310038。"  # a new finding at approval
    content.save()
    sign_in(page, "approver")
    page.goto(detail)
    page.get_by_role("button", name="批准发布").click()
    assert page.get_by_text("新的高风险问题").first.is_visible()
    page.get_by_label("退回理由").fill("请删除新增的身份证号")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="退回修改").click()
    assert navigation.value.status == 200 and page.url == detail
    assert page.get_by_text("已退回承办人修改").is_visible()
    shot(page, f"publishing-refused-approval-returned-{width}")
    assert Workflow.objects.get(pk=wf.pk).state == State.DRAFT
