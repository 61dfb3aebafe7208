"""Must show: a member of the public applies on a phone, staff confirm receipt and ask for a 补正, the
applicant supplies it through the secret link (the clock restarts), the openness office extends and
answers, and the applicant reads the answer and the deadline ledger."""

import pytest
from django.core.cache import cache

from gongkai.accounts.roles import Role
from gongkai.foi_requests.letters import cn_date
from gongkai.foi_requests.models import FoiRequest
from gongkai.workdays.selectors import add_working_days, legal_today
from tests.browser.helpers import shot, sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_apply_supplement_extend_answer_and_read_the_ledger_on_a_phone(
    browser, live_server, agency, make_user
):
    cache.clear()
    make_user(Role.OPENNESS_OFFICE, username="gkb-browser")
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
    page.get_by_label("所需政府信息的名称、文号或者便于查询的其他特征性描述").fill("统计局的那个文件")
    page.get_by_label("电子文档").check()
    page.get_by_label("电子邮件").check()
    page.get_by_role("button", name="提交申请").click()
    page.get_by_text("申请已提交").first.wait_for()
    link = page.locator("a.foi-link").get_attribute("href")
    shot(page, "foi-phone-done")
    r = FoiRequest.objects.get()

    # Staff confirm receipt and send the one-time 补正 notice.
    staff_context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    staff = staff_context.new_page()
    staff.set_default_timeout(15000)
    staff.base_url = live_server.url
    sign_in(staff, "gkb-browser")
    staff.goto(live_server.url + f"/office/foi/{r.pk}/")
    staff.locator("#action-confirm summary").click()
    staff.locator("#action-confirm button[type=submit]").click()
    staff.get_by_text("已确认收到申请。").wait_for()
    staff.locator("#action-supplement summary").click()
    staff.locator("#id_supplement-items").fill("请写明所需文件的名称、文号或年份。")
    staff.locator("#id_supplement-days").fill("10")
    staff.locator("#action-supplement button[type=submit]").click()
    staff.get_by_text("已发出补正告知。").wait_for()
    assert FoiRequest.objects.get().status == "awaiting_supplement"

    # The applicant supplies it through the secret link.
    page.goto(link)
    page.get_by_role("heading", name="提交补正").wait_for()
    assert page.get_by_text("请写明所需文件的名称、文号或年份。").first.is_visible()
    assert page.get_by_text("等待申请人补正").first.is_visible()
    page.get_by_label("补正内容").fill("《福州市统计局2025年政府信息公开工作年度报告》")
    page.get_by_role("button", name="提交补正").click()
    page.get_by_text("已收到申请人提交的补正").first.wait_for()
    assert page.get_by_role("heading", name="提交补正").count() == 0  # the form is gone once supplied
    r = FoiRequest.objects.get()
    assert (
        r.status == "in_progress"
        and r.events.filter(kind="receive_supplement", actor_label="申请人").count() == 1
    )
    shot(page, "foi-phone-supplied")

    # The openness office extends, then answers.
    staff.goto(live_server.url + f"/office/foi/{r.pk}/")
    staff.locator("#action-extend summary").click()
    staff.locator("#id_extend-days").fill("20")
    staff.locator("#id_extend-reason").fill("需要逐年核对历年报告。")
    staff.locator("#action-extend button[type=submit]").click()
    staff.get_by_text("已延长答复期限。").wait_for()
    staff.locator("#action-answer summary").click()
    staff.locator("#id_answer-outcome").select_option("already_public")
    staff.locator("#id_answer-text").fill("该报告已在本机关网站主动公开。")
    staff.locator("#action-answer button[type=submit]").click()
    staff.get_by_text("已作出答复。").wait_for()
    shot(staff, "foi-office-detail")
    staff_context.close()

    # The applicant reads the answer and the ledger: the 补正 restart, the extension and the due date.
    today = legal_today()
    due = add_working_days(today, 40).due
    page.goto(link)
    assert page.get_by_text("该报告已在本机关网站主动公开。").first.is_visible()
    ledger = page.locator("section.foi-ledger")
    text = ledger.inner_text()
    assert "答复期限是怎样计算的" in text
    assert f"{today:%Y-%m-%d} 收到补正，答复期限自该日起重新计算（《条例》第三十条）" in text
    assert f"{today:%Y-%m-%d}（收到补正之日）" in text
    assert "共 40 个工作日（含延长的 20 个工作日）" in text
    assert "20 个工作日，经政府信息公开工作机构负责人同意并告知申请人" in text
    assert f"答复期限：{cn_date(due)}" in text
    assert page.get_by_text("延长政府信息公开申请答复期限告知书").first.is_visible()
    assert page.get_by_text("政府信息公开申请补正告知书").first.is_visible()
    shot(page, "foi-phone-track")
    phone.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [390, 1366])
def test_a_late_supplement_notice_is_refused_beside_the_field_keeping_what_was_typed(
    browser, live_server, agency, make_user, width
):
    """Issue 11.1 (《条例》第三十条): three weeks after receipt the 补正 notice is refused on the page, the
    message beside the date, the typed items kept, and nothing changes."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from gongkai.foi_requests import services

    office = make_user(Role.OPENNESS_OFFICE, username=f"gkb-late-{width}")
    received = legal_today() - timedelta(days=21)
    with services.replaying(
        datetime(received.year, received.month, received.day, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    ):
        r = services.submit_application(actor=office, agency=agency, channel="in_person", data=_application())
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
    staff = context.new_page()
    staff.set_default_timeout(15000)
    staff.base_url = live_server.url
    sign_in(staff, office.username)
    staff.goto(live_server.url + f"/office/foi/{r.pk}/")
    staff.locator("#action-supplement summary").click()
    staff.locator("#id_supplement-items").fill("请写明所需文件的年份。")
    staff.locator("#action-supplement button[type=submit]").click()
    error = staff.locator("#action-supplement").get_by_text("《条例》第三十条").first
    error.wait_for()
    assert staff.locator("#id_supplement-items").input_value() == "请写明所需文件的年份。"
    assert staff.evaluate("document.documentElement.scrollWidth") <= width
    error.scroll_into_view_if_needed()
    shot(staff, f"foi-late-supplement-refused-{width}")
    assert FoiRequest.objects.get(pk=r.pk).status == "in_progress"
    context.close()


def _application():
    from .conftest import application

    return application()
