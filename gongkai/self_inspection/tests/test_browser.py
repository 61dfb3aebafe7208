"""Must show (issue 16): the self-inspection campaign turns one withheld item into a published item through
the workflow, and the report to the city government office lists it — on the real screens."""

from pathlib import Path

import pytest
from django.utils import timezone
from docx import Document

from gongkai.accounts.roles import Role
from gongkai.self_inspection import services
from tests.browser.helpers import shot, sign_in

from . import factories as f

TITLE = "2025年规模以上工业企业名单（按行业）"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_campaign_turns_a_withheld_item_into_a_published_item_and_reports_it(page, department, make_user):
    office = make_user(Role.OPENNESS_OFFICE, department=department, username="gongkaiban", full_name="林晓")
    make_user(Role.CONFIDENTIALITY_REVIEWER, username="baomi", full_name="黄静")
    make_user(Role.APPROVER, username="lingdao", full_name="王建国")
    revision = f.withheld_item(office, TITLE, reason="涉及企业商业秘密")
    f.withheld_item(office, "局机关干部年度考核结果", reason="人事管理信息")
    year = timezone.localdate().year

    # 公开办 starts the year's campaign: the withheld items are listed.
    sign_in(page, "gongkaiban")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.get_by_role("link", name="年度自查").first.click()
    page.get_by_role("link", name="发起年度自查").first.click()
    page.fill("#id_year", str(year))
    page.get_by_role("button", name="发起自查").click()
    page.wait_for_selector("text=已发起")
    assert page.locator("#fig-total").inner_text() == "2"
    row = page.locator("tr", has_text=TITLE)
    assert "涉及企业商业秘密" in row.inner_text()
    shot(page, "self-inspection-1-campaign")

    # The decision: 转为主动公开, by a named person; a missing reason is explained in Chinese first.
    row.get_by_role("link", name="作出决定").click()
    page.get_by_label("转为主动公开").check()
    page.get_by_role("button", name="保存").click()
    assert page.locator("#id_reason_error").inner_text() == "请填写决定理由。"
    page.get_by_label("转为主动公开").check()
    page.fill("#id_reason", "名单不含企业具体数据，依申请较多，可以主动公开。")
    page.get_by_role("button", name="保存").click()
    page.wait_for_selector("text=已记录自查决定：转为主动公开")
    row = page.locator("tr", has_text=TITLE)
    assert "林晓" in row.inner_text()
    assert row.locator(".publication-state").inner_text().startswith("草稿")

    # The draft enters the publication workflow: submit, 保密审查, 领导审批.
    row.locator(".publication-state a").click()
    page.get_by_role("link", name="发布流程（提交审查、审批）").click()
    page.get_by_role("button", name="提交审查").click()
    page.wait_for_selector("text=待保密审查")
    sign_in(page, "baomi")
    page.goto(page.base_url + "/office/publishing/review/")
    page.get_by_role("button", name="审查通过").first.click()
    page.wait_for_load_state()
    sign_in(page, "lingdao")
    page.goto(page.base_url + "/office/publishing/approvals/")
    page.get_by_role("button", name="批准发布").first.click()
    page.wait_for_load_state()

    # The public sees the item.
    revision.item.refresh_from_db()
    page.context.clear_cookies()
    page.goto(page.base_url + f"/xxgk/items/{revision.item.slug}/")
    assert page.locator("h1.info-title").inner_text() == TITLE

    # Back in the campaign: the entry is 已公开, and the report lists it.
    sign_in(page, "gongkaiban")
    page.get_by_role("link", name="年度自查").first.click()
    page.get_by_role("link", name=f"{year} 年度政务公开自查").click()
    row = page.locator("tr", has_text=TITLE)
    assert row.locator(".publication-state").inner_text().startswith("已公开")
    assert page.locator("#fig-published").inner_text() == "1"
    shot(page, "self-inspection-2-published")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载自查报告（DOCX）").click()
    document = Document(download.value.path())
    text = "\n".join(p.text for p in document.paragraphs)
    assert "转为主动公开 1 项（已发布 1 项）" in text
    listed = [[c.text for c in r.cells] for r in document.tables[0].rows]
    ours = next(r for r in listed if r[1] == TITLE)
    assert ours[4] == f"转为主动公开（已公开），索引号 {revision.item.index_number}"
    assert ours[6] == "林晓"
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "self-inspection-3-phone")


AXE = Path(__file__).resolve().parents[3] / "tests" / "browser" / "vendor" / "axe.min.js"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_campaign_screens_have_no_wcag21_aa_violations(browser, live_server, department, make_user):
    office = make_user(Role.OPENNESS_OFFICE, department=department, username="gongkaiban", full_name="林晓")
    f.negative_entry(office)
    f.withheld_item(office, TITLE, reason="涉及企业商业秘密")
    campaign = services.create_campaign(actor=office, agency=office.agency, year=timezone.localdate().year)
    entry, review = campaign.entries.get(), campaign.negative_reviews.get()
    # axe is injected as an inline script, which the CSP refuses: this context bypasses the CSP.
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.base_url = live_server.url
    sign_in(page, "gongkaiban")
    problems = []
    for path in (
        "/office/self-inspection/",
        f"/office/self-inspection/{campaign.pk}/",
        f"/office/self-inspection/entries/{entry.pk}/decide/",
        f"/office/self-inspection/negative-list/{review.pk}/",
    ):
        page.goto(live_server.url + path)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"],
        )
        assert len(result["passes"]) > 10, path  # axe really ran
        problems += [
            f"{path}: {v['id']} {[n['target'] for n in v['nodes'][:3]]}" for v in result["violations"]
        ]
    context.close()
    assert problems == []
