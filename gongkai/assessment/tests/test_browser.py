"""The openness office starts a website self-inspection and reads the indicators (phone and desktop)."""

import pytest
from django.core.cache import cache

from gongkai.accounts.roles import Role
from tests.browser.helpers import shot, sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_inspection_page_runs_a_check_and_shows_each_indicator(page, make_user):
    cache.clear()  # pages cached by an earlier test would link to records this test does not have
    make_user(Role.OPENNESS_OFFICE, username="gongkaiban", full_name="林晓")
    sign_in(page, "gongkaiban")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.get_by_role("link", name="网站自查").first.click()
    assert page.get_by_text("尚未进行网站自查").is_visible()
    # the check crawls the site inside the request: on a loaded machine (CI under load average 10)
    # it took longer than the default 15 s, so the click waits for its page longer
    page.get_by_role("button", name="立即检查").click(timeout=120_000)
    assert page.get_by_text("已完成网站自查").is_visible()
    table = page.get_by_role("region", name="检查指标")
    assert table.get_by_role("link", name="首页更新").is_visible()
    assert "不合格" in table.locator("#home_page").inner_text()  # an empty site has never been updated
    assert "无法检查" in table.locator("#accessibility").inner_text()
    table.locator("#empty_columns summary").click()
    assert table.locator("#empty_columns").get_by_role("link", name="政策解读").is_visible()
    shot(page, "assessment-inspection-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    table.get_by_role("link", name="首页更新").click()
    assert page.get_by_role("heading", name="首页更新：检查历史").is_visible()
    page.goto(page.base_url + "/office/assessment/")
    shot(page, "assessment-inspection-390")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_scores_board_draws_its_chart_and_drills_down(page, make_user):
    cache.clear()
    make_user(Role.OPENNESS_OFFICE, username="gongkaiban", full_name="林晓")
    sign_in(page, "gongkaiban")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(page.base_url + "/office/assessment/scores/")
    assert page.get_by_role("heading", name="政务公开绩效考核").first.is_visible()
    page.locator("#score-chart canvas").first.wait_for()  # ECharts drew from the JSON, no inline script
    shot(page, "assessment-scores-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("region", name="考核得分").get_by_role("link").first.click()
    assert page.locator("#drill-total").inner_text() == "0"
    shot(page, "assessment-drilldown-390")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_office_home_dashboard_shows_measures_off_track_and_twelve_months_of_charts(page, make_user, agency):
    """The openness office's home: the measure off track now links to its records; both charts draw."""
    from datetime import timedelta

    from django.utils import timezone

    from gongkai.public_messages.models import Message

    cache.clear()
    now = timezone.now()
    Message.objects.create(
        agency=agency,
        category="consult",
        subject="迟复的留言",
        body="内容",
        state="replied",
        reply="已答复",
        received_at=now,
        warn_on=timezone.localdate(now),
        due_on=timezone.localdate(now) - timedelta(days=1),
        replied_at=now,
    )
    make_user(Role.OPENNESS_OFFICE, username="gongkaiban", full_name="林晓")
    sign_in(page, "gongkaiban")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(page.base_url + "/office/")
    dashboard = page.locator("#assessment-dashboard")
    assert dashboard.get_by_role("heading", name="近 12 个月").is_visible()
    page.locator("#dash-rates canvas").first.wait_for()  # ECharts drew from the JSON, no inline script
    page.locator("#dash-missed canvas").first.wait_for()
    dashboard.get_by_text("按月数据").click()
    month = timezone.localdate(now).strftime("%Y-%m")
    cell = dashboard.locator(f'a.dash-figure[href*="messages_in_sla/?period={month}"]')
    assert cell.inner_text() == "0/1"
    shot(page, "assessment-dashboard-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "assessment-dashboard-390")
    dashboard.get_by_role("link", name="全局 · 留言按期答复：0.0%（达标线 95%）").click()
    assert page.locator("#drill-total").inner_text() == "1"
    assert page.get_by_role("link", name="迟复的留言").is_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_office_home_dashboard_passes_axe_core(browser, live_server, make_user, agency):
    """The dashboard (charts, the month table in its <details>) adds no WCAG 2.1 A/AA violation."""
    from tests.browser.helpers import PASSWORD
    from tests.browser.test_accessibility import AXE, WCAG21_AA, _readable

    cache.clear()
    make_user(Role.OPENNESS_OFFICE, username="gongkaiban", full_name="林晓")
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/office/login/")
        page.fill("#id_username", "gongkaiban")
        page.fill("#id_password", PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url("**/office/**")
        page.goto(live_server.url + "/office/")
        page.locator("#dash-rates canvas").first.wait_for()
        page.locator("#assessment-dashboard details summary").click()
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "tags => axe.run('#assessment-dashboard', {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']})",
            WCAG21_AA,
        )
        assert not result["violations"], _readable("/office/ #assessment-dashboard", result["violations"])
    finally:
        context.close()
