"""Must show (issue 14): a department updates a milestone with evidence; it is published through the
workflow; the public task page shows the new progress and the chart."""

from datetime import date

import pytest

from tests.browser.helpers import shot, sign_in

from .conftest import make_docx


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_department_reports_a_milestone_with_evidence_and_the_public_page_shows_it(
    page, published_task, report, today, tmp_path
):
    task = published_task
    first, second, _third = task.milestones.all()
    report(task, milestone=first, percent=100, on=date(2026, 3, 30))

    # The owning department (承办人 of 综合处) reports the second milestone reached, with evidence.
    sign_in(page, "chengban")
    page.goto(page.base_url + f"/office/key-tasks/{task.pk}/")
    page.get_by_role("link", name="报送进展").click()
    page.select_option("#id_milestone", str(second.pk))
    page.fill("#id_reported_on", "2026-06-10")
    page.fill("#id_percent", "100")
    page.fill("#id_text", "全口径消费统计监测方案已印发，覆盖商品和服务消费。")
    evidence = tmp_path / "监测方案.docx"
    evidence.write_bytes(make_docx("全口径消费统计监测方案", "一、监测范围"))
    page.set_input_files("#id_evidence", str(evidence))
    page.get_by_role("button", name="报送进展").click()
    page.wait_for_selector("text=进展已报送，已提交保密审查")
    shot(page, "key-tasks-1-reported")

    # 保密审查 and approval on the workflow screens.
    sign_in(page, "baomi")
    page.goto(page.base_url + "/office/publishing/review/")
    page.get_by_role("button", name="审查通过").first.click()
    page.wait_for_load_state()
    sign_in(page, "lingdao")
    page.goto(page.base_url + "/office/publishing/approvals/")
    page.get_by_role("button", name="批准发布").first.click()
    page.wait_for_load_state()

    # The public task page: the new progress, the update with its evidence, and the chart.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(page.base_url + "/xxgk/zdrw/")
    page.get_by_role("link", name=task.title).click()
    page.wait_for_url(f"**/xxgk/zdrw/{task.pk}/")
    assert page.locator(".task-progress").inner_text() == "60.0%"
    assert page.locator(".meta-table .task-status").inner_text() == "按期推进"
    history = page.locator(".progress-history li").first.inner_text()
    assert "全口径消费统计监测方案已印发" in history
    assert "监测方案.docx" in history
    page.wait_for_selector("#progress-chart[data-drawn='true'] canvas")
    shot(page, "key-tasks-2-public-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.wait_for_selector("#progress-chart[data-drawn='true'] canvas")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "key-tasks-3-public-390")
