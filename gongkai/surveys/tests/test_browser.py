"""Must show (issue 14): a citizen answers a survey on a phone; a second answer from the same person is
refused with a clear message; the results are published with a chart."""

import pytest

from gongkai.surveys.models import Response
from tests.browser.helpers import shot, sign_in

from .conftest import close

PHONE = {"width": 390, "height": 844}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_citizen_answers_on_a_phone_second_answer_refused_results_published_with_chart(
    page, make_survey, office_user
):
    survey = make_survey()
    q = {x.position: x.pk for x in survey.questions.all()}
    page.set_viewport_size(PHONE)

    # The citizen opens the questionnaire from the 调查征集 column (the same browser in two tabs).
    page.goto(page.base_url + "/hdjl/")
    page.get_by_role("link", name="调查征集").first.click()
    page.get_by_role("link", name=survey.title).click()
    second_tab = page.context.new_page()
    second_tab.set_viewport_size(PHONE)
    second_tab.goto(page.url)

    def fill(p, text):
        p.check(f"#id_q{q[1]}_0")
        p.check(f"#id_q{q[2]}_0")
        p.check(f"#id_q{q[2]}_2")
        p.check(f"#id_q{q[3]}_4")
        p.check(f"#id_q{q[4]}_r0_0")
        p.check(f"#id_q{q[4]}_r1_1")
        p.fill(f"#id_q{q[5]}", text)

    fill(page, "希望增加区县数据的发布频次。")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "surveys-1-form-390")
    page.get_by_role("button", name="提交答卷").click()
    page.wait_for_selector("text=答卷已提交，感谢您的参与")
    assert "您已提交本次调查的答卷" in page.locator(".survey-answered").inner_text()

    # The second tab still shows the form; submitting it again is refused with a clear message.
    fill(second_tab, "再提交一次。")
    second_tab.get_by_role("button", name="提交答卷").click()
    alert = second_tab.locator(".survey-refused")
    alert.wait_for()
    assert alert.inner_text() == (
        "您已经提交过本次调查的答卷，每人只能提交一次（本调查的规则：同一浏览器只能提交一次）。感谢您的参与！"
    )
    shot(second_tab, "surveys-2-refused-390")
    second_tab.close()
    assert Response.objects.count() == 1

    # The window closes; the free text is moderated; the results are generated and published.
    close(survey)
    sign_in(page, "gongkaiban")
    page.goto(page.base_url + "/office/surveys/moderation/")
    page.get_by_role("button", name="可公开").first.click()
    page.wait_for_selector("text=没有待审核的回答")
    sign_in(page, "chengban")
    page.goto(page.base_url + f"/office/surveys/{survey.pk}/")
    page.fill("#id_introduction", "本次调查共收到有效答卷 1 份。")
    page.get_by_role("button", name="生成调查结果").click()
    page.wait_for_selector("text=已生成调查结果")
    page.get_by_role("button", name="提交发布调查结果").click()
    page.wait_for_selector("text=已提交发布流程")
    sign_in(page, "baomi")
    page.goto(page.base_url + "/office/publishing/review/")
    page.get_by_role("button", name="审查通过").first.click()
    page.wait_for_load_state()
    sign_in(page, "lingdao")
    page.goto(page.base_url + "/office/publishing/approvals/")
    page.get_by_role("button", name="批准发布").first.click()
    page.wait_for_load_state()

    # The public sees the results with charts, on the phone.
    page.context.clear_cookies()
    page.goto(page.base_url + f"/hdjl/dczj/{survey.pk}/")
    page.get_by_role("link", name="查看调查结果").click()
    page.wait_for_selector("#chart-1[data-drawn='true'] canvas")
    assert page.locator(".response-count").inner_text() == "1 份"
    first = page.locator("section.survey-result").first.locator("tbody tr")
    assert first.all_inner_texts() == ["网站\t1\t100.0%", "微信公众号\t0\t0.0%", "统计年鉴\t0\t0.0%"]
    assert page.locator("section.survey-result").nth(4).locator("table").count() == 0  # free text: no table
    assert "希望增加区县数据的发布频次。" in page.locator(".survey-texts").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "surveys-3-results-390")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.reload()
    page.wait_for_selector("#chart-4[data-drawn='true'] canvas")
    shot(page, "surveys-4-results-1366")
