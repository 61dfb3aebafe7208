"""The self-inspection's accessibility indicator: axe-core over the crawled pages where a browser is
available, and "无法检查" with the reason — never a pass — where it is not."""

import pytest

from gongkai.accounts.guard import SYSTEM
from gongkai.assessment import accessibility, indicators
from gongkai.assessment.models import Verdict
from gongkai.assessment.services import run_inspection

PLANTED = (
    '<!doctype html><html lang="zh-CN"><head><title>测试</title></head><body><main><h1>测试</h1>'
    '<img src="/static/x.png"></main></body></html>'
).encode()


@pytest.mark.django_db
def test_without_a_browser_the_indicator_says_not_checked_and_why(agency, settings):
    settings.GONGKAI_ACCESSIBILITY_PAGES = 5
    settings.GONGKAI_CHROMIUM = "/nonexistent/chromium"
    outcome = indicators.accessibility_outcome(agency, ["/"])
    assert outcome.verdict == Verdict.NOT_AVAILABLE
    assert outcome.summary == "无法检查：本服务器没有可用的浏览器（未找到 Chromium：/nonexistent/chromium）。"
    settings.GONGKAI_ACCESSIBILITY_PAGES = 0
    assert "已关闭" in indicators.accessibility_outcome(agency, ["/"]).summary
    settings.GONGKAI_ACCESSIBILITY_PAGES = 5
    settings.GONGKAI_CHROMIUM = "/usr/bin/chromium"
    settings.GONGKAI_AXE_JS = "/nonexistent/axe.min.js"
    if accessibility.availability().startswith("没有找到 axe-core"):  # a machine with Chromium
        assert indicators.accessibility_outcome(agency, ["/"]).verdict == Verdict.NOT_AVAILABLE
    # Another agency's site is not served here.
    assert "不在本平台上" in indicators.accessibility_outcome(agency, None).summary


@pytest.mark.browser
@pytest.mark.django_db
def test_axe_core_checks_the_crawled_pages_and_names_the_page_with_a_violation(agency, settings, monkeypatch):
    settings.GONGKAI_ACCESSIBILITY_PAGES = 2
    if accessibility.availability():
        pytest.skip("SKIPPED LOUDLY — " + accessibility.availability())
    real_snapshot = accessibility.snapshot

    def with_a_planted_page(paths):
        files = real_snapshot([p for p in paths if p != "/planted/"])
        files["/planted/"] = (200, "text/html; charset=utf-8", PLANTED)
        return files

    monkeypatch.setattr(accessibility, "snapshot", with_a_planted_page)
    outcome = indicators.accessibility_outcome(agency, ["/", "/planted/", "/xxgk/"])  # bounded to 2
    assert outcome.verdict == Verdict.WARNING, outcome.summary
    assert outcome.summary == "已用 axe-core 检查 2 个页面，1 个页面有违规。"
    assert [e["label"] for e in outcome.evidence] == ["/planted/"]
    assert "image-alt" in outcome.evidence[0]["detail"]


@pytest.mark.browser
@pytest.mark.django_db
def test_the_daily_run_reports_accessibility_of_the_live_pages(agency, settings):
    settings.GONGKAI_ACCESSIBILITY_PAGES = 3
    if accessibility.availability():
        pytest.skip("SKIPPED LOUDLY — " + accessibility.availability())
    run = run_inspection(actor=SYSTEM, agency=agency, max_pages=10)
    result = run.results.get(code="accessibility")
    assert result.verdict != Verdict.NOT_AVAILABLE, result.summary
    assert result.summary.startswith("已用 axe-core 检查 3 个页面")
    assert result.measured == len(result.evidence)
