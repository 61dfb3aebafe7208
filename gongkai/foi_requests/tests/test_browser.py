from pathlib import Path

import pytest

from gongkai.accounts.roles import Role
from gongkai.foi_requests.models import FoiRequest

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_public_applies_on_a_phone_staff_answer_applicant_reads_answer_and_ledger(browser, live_server, agency, make_user):
    ARTIFACTS.mkdir(exist_ok=True)
    office = make_user(Role.OPENNESS_OFFICE, username="gkb-browser")
    office.set_password("Browser@2026")
    office.save()
    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True)
    page = phone.new_page()
    page.set_default_timeout(15000)
    page.goto(live_server.url + "/xxgk/ysqgk/apply/")
    page.get_by_label("自然人").check()
    page.get_by_label("申请人姓名或单位名称").fill("张三")
    page.get_by_label("身份证明类型").select_option("resident_id")
    page.get_by_label("身份证明号码").fill("11010519491231002X")
    page.get_by_label("联系电话").fill("13800000000")
    page.get_by_label("电子邮箱").fill("zhang@example.com")
    page.get_by_label("所需政府信息的名称、文号或者便于查询的其他特征性描述").fill("2025年福州市统计公报")
    page.get_by_label("电子文档").check()
    page.get_by_label("电子邮件").check()
    page.get_by_role("button", name="提交申请").click()
    page.get_by_text("申请已提交").first.wait_for()
    link = page.locator("a.foi-link").get_attribute("href")
    page.screenshot(path=str(ARTIFACTS / "foi-phone-done.png"), full_page=True)
    r = FoiRequest.objects.get()

    staff = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
    staff.goto(live_server.url + "/office/login/")
    staff.fill("input[name=username]", "gkb-browser")
    staff.fill("input[name=password]", "Browser@2026")
    staff.get_by_role("button", name="登录").click()
    staff.goto(live_server.url + f"/office/foi/{r.pk}/")
    staff.locator("#action-confirm summary").click()
    staff.locator("#action-confirm button[type=submit]").click()
    staff.get_by_text("已确认收到申请。").wait_for()
    staff.locator("#action-answer summary").click()
    staff.locator("#id_answer-outcome").select_option("disclosed")
    staff.locator("#id_answer-text").fill("现将2025年统计公报提供给您。")
    staff.locator("#action-answer button[type=submit]").click()
    staff.get_by_text("已作出答复。").wait_for()
    staff.screenshot(path=str(ARTIFACTS / "foi-office-detail.png"), full_page=True)

    page.goto(link)
    assert page.get_by_text("现将2025年统计公报提供给您。").first.is_visible()
    assert page.get_by_text("答复期限是怎样计算的").is_visible()
    assert page.get_by_text("共 20 个工作日").first.is_visible()
    page.screenshot(path=str(ARTIFACTS / "foi-phone-track.png"), full_page=True)
    phone.close()
