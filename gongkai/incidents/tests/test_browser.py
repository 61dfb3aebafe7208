"""The spokesperson works an incident on the console; the public reads 新闻发布 → 热点回应."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.accounts.roles import Role
from gongkai.incidents import services
from tests.browser.helpers import shot, sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_incident_console_urgent_release_and_the_public_hot_responses_page(page, make_user):
    spokes = make_user(Role.SPOKESPERSON, username="fayanren", full_name="郑华")
    make_user(Role.APPROVER, username="lingdao", full_name="王建国")
    services.register_incident(
        actor=spokes,
        title="网传我市统计数据造假",
        source="weibo",
        first_seen_at=timezone.now() - timedelta(hours=4, minutes=20),
        summary="微博称我市数据注水。",
        severity="major",
        severity_reason="涉及数据真实性。",
    )

    # The console shows the running clocks in hours and minutes; the 5-hour clock is in its last hour.
    sign_in(page, "fayanren")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(page.base_url + "/office/incidents/")
    warning = page.locator(".clock-warning").first
    assert "发布权威信息" in warning.inner_text() and "剩余 0 小时" in warning.inner_text()
    assert "举行新闻发布会" in page.locator(".clock-running").first.inner_text()
    shot(page, "incident-console")

    page.get_by_role("link", name="网传我市统计数据造假").click()
    page.fill("#id_new-title", "关于网传统计数据造假的情况说明")
    page.fill("#id_new-body", "经核查，网传内容与事实不符。")
    page.get_by_role("button", name="起草").click()
    assert page.get_by_text("已起草发布稿").is_visible()
    page.get_by_role("link", name="发布流程").click()
    page.get_by_role("button", name="提交审查").click()

    # The leader in charge publishes it at once on the urgent path.
    sign_in(page, "lingdao")
    page.goto(page.base_url + "/office/incidents/")
    page.get_by_role("link", name="网传我市统计数据造假").click()
    page.get_by_label("紧急发布理由").fill("重大舆情，须5小时内发布权威信息")
    page.get_by_role("button", name="紧急发布").click()
    assert page.get_by_text("已紧急发布").is_visible()
    assert "按时完成" in page.locator(".clock-met").first.inner_text()

    # The public: 新闻发布 → 热点回应 → the incident's releases with their minutes, on a phone.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base_url + "/xwfb/")
    page.get_by_role("link", name="热点回应").first.click()
    page.wait_for_url("**/xwfb/rdhy/")
    page.get_by_role("link", name="网传我市统计数据造假").click()
    assert page.get_by_role("heading", name="关于网传统计数据造假的情况说明").is_visible()
    assert "发布时间" in page.locator(".meta-line").first.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "incident-public-390")
