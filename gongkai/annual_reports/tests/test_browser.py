"""The public opens 政府信息公开 → 年度报告 → a report and reads table 三 and the six sections."""

import pytest

from gongkai.foi_requests.outcomes import TABLE3_HEADER
from tests.browser.helpers import shot, sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_public_reads_an_annual_report(page, make_report, publish):
    report = publish(make_report(2025))

    page.goto(page.base_url + "/xxgk/")
    page.get_by_role("link", name="政府信息公开年度报告").first.click()
    page.wait_for_url("**/xxgk/ndbg/")
    assert page.get_by_role("heading", name="政府信息公开年度报告", level=1).is_visible()
    page.get_by_role("link", name=report.title).click()
    page.wait_for_url("**/xxgk/ndbg/2025/")

    assert page.get_by_role("heading", name=report.title, level=1).is_visible()
    headings = page.locator("article h2").all_inner_texts()
    assert headings == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    table3 = page.locator("table.foi-table3").first
    assert table3.locator("thead th").first.inner_text() == TABLE3_HEADER
    assert table3.locator("tbody th").last.inner_text() == "四、结转下年度继续办理"
    assert page.get_by_text("2025年，本局认真贯彻《条例》，推进政务公开。").is_visible()
    shot(page, "annual-report")

    # The office editor of next year's draft: the form beside the live tables and their checks.
    draft = make_report(2026, rules_issued=None)  # a figure Gongkai keeps no records for (规章)
    sign_in(page, "gongkaiban")
    page.goto(page.base_url + f"/office/annual-reports/{draft.pk}/")
    assert page.get_by_role("alert").inner_text().count("尚未填写") == 1
    shot(page, "annual-report-office")
