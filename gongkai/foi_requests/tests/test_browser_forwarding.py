"""Must show (issue 18 item 3): a citizen files a request from the city's one entry to the wrong
agency; that agency answers 不属于本机关负责公开 and forwards it on the platform; the right agency
confirms receipt and answers; the citizen sees both cases, each linking the other, and both letters."""

import pytest
from django.core.cache import cache

from gongkai.accounts.roles import Role
from gongkai.foi_requests.models import FoiRequest
from tests.browser.helpers import shot, sign_in


def staff_page(browser, live_server, username):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = live_server.url
    sign_in(page, username)
    return context, page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_wrong_agency_forwards_right_agency_answers_citizen_sees_both(
    browser, live_server, agency, other_agency, make_user
):
    cache.clear()
    make_user(Role.OPENNESS_OFFICE, username="gkb-wrong")
    make_user(Role.OPENNESS_OFFICE, agency=other_agency, username="gkb-right")

    # The citizen files from the city entry, choosing the statistics bureau (the wrong agency).
    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True)
    page = phone.new_page()
    page.set_default_timeout(15000)
    page.goto(live_server.url + "/ysqgk/")
    page.get_by_label("向哪个行政机关申请").select_option(label=agency.name)
    page.get_by_label("自然人").check()
    page.get_by_label("申请人姓名或单位名称").fill("张三")
    page.get_by_label("身份证明类型").select_option("resident_id")
    page.get_by_label("身份证明号码").fill("11010519491231002X")
    page.get_by_label("联系电话").fill("13800000000")
    page.get_by_label("电子邮箱").fill("zhang@example.com")
    page.get_by_label("所需政府信息的名称、文号或者便于查询的其他特征性描述").fill(
        "2026年市级重点项目投资计划"
    )
    page.get_by_label("电子文档").check()
    page.get_by_label("电子邮件").check()
    page.get_by_role("button", name="提交申请").click()
    page.get_by_text("申请已提交").first.wait_for()
    link = page.locator("a.foi-link").get_attribute("href")
    first = FoiRequest.objects.get()
    assert first.agency == agency

    # The wrong agency confirms receipt, then answers not-held and forwards it on the platform.
    context, staff = staff_page(browser, live_server, "gkb-wrong")
    staff.goto(live_server.url + f"/office/foi/{first.pk}/")
    staff.locator("#action-confirm summary").click()
    staff.locator("#action-confirm button[type=submit]").click()
    staff.get_by_text("已确认收到申请。").wait_for()
    staff.locator("#action-forward summary").click()
    staff.locator("#id_forward-to_agency").select_option(label=other_agency.name)
    staff.locator("#action-forward button[type=submit]").click()
    staff.get_by_text("已答复不属于本机关负责公开并转送有权机关。").wait_for()
    second = FoiRequest.objects.get(agency=other_agency)
    assert staff.get_by_text(second.tracking_number).first.is_visible()
    shot(staff, "foi-forwarded-office")
    context.close()

    # The right agency confirms receipt (its own receipt date) and answers.
    context, staff = staff_page(browser, live_server, "gkb-right")
    staff.goto(live_server.url + "/office/foi/")
    staff.get_by_text(second.tracking_number).first.click()
    staff.get_by_text("转送自").first.wait_for()
    staff.locator("#action-confirm summary").click()
    staff.locator("#action-confirm button[type=submit]").click()
    staff.get_by_text("已确认收到申请。").wait_for()
    staff.locator("#action-answer summary").click()
    staff.locator("#id_answer-outcome").select_option("disclosed")
    staff.locator("#id_answer-text").fill("现将2026年市级重点项目投资计划提供给您。")
    staff.locator("#action-answer button[type=submit]").click()
    staff.get_by_text("已作出答复。").wait_for()
    context.close()

    # The citizen sees both cases, each linking the other, and downloads both letters.
    page.goto(link)
    page.get_by_text("不属于本机关负责公开").first.wait_for()
    assert page.get_by_text(other_agency.name).first.is_visible()
    letters = []

    def letter_href():
        return live_server.url + page.locator("a", has_text="下载答复书（Word）").get_attribute("href")

    letters.append(page.request.get(letter_href()))
    page.locator("a.foi-related").click()
    page.get_by_text("现将2026年市级重点项目投资计划提供给您。").first.wait_for()
    # the copy links back to the first case (its link's secret is the copy's, which opens both: ADR 0042)
    first_number = link.split("/track/")[1].split("/")[0]
    assert (
        page.locator("a.foi-related").get_attribute("href").startswith(f"/xxgk/ysqgk/track/{first_number}/")
    )
    letters.append(page.request.get(letter_href()))
    for response in letters:
        assert response.status == 200 and response.headers["content-type"].startswith(
            "application/vnd.openxmlformats-officedocument.wordprocessingml"
        )
    shot(page, "foi-forwarded-citizen")
    phone.close()
