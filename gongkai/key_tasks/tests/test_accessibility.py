"""The populated pages of 执行公开 pass axe-core (WCAG 2.1 A/AA) at 1366 px and 390 px and do not scroll
sideways: the task list with its roll-ups, a task with its chart and milestones, a finding, the column."""

from datetime import date
from pathlib import Path

import pytest

from gongkai.key_tasks import services

AXE = Path(__file__).resolve().parents[3] / "tests" / "browser" / "vendor" / "axe.min.js"
WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1366, 390])
def test_populated_pages_have_no_wcag21_aa_violations(
    browser, live_server, published_task, report, approver, office_user, drafter, department, finish, width
):
    first = published_task.milestones.first()
    report(published_task, milestone=first, percent=100, on=date(2026, 3, 30))
    finding = services.raise_finding(
        actor=office_user,
        department=department,
        source="routine",
        title="报表迟报",
        description="迟报。",
        found_on=date(2026, 5, 1),
        rectify_by=date(2026, 6, 30),
        task=published_task,
    )
    services.submit_rectification(
        actor=drafter,
        finding=finding,
        measures="建立提醒。",
        result="按时报送。",
        completed_on=date(2026, 6, 10),
    )
    services.decide_rectification(actor=approver, finding=finding, confirm=True)
    services.send_to_publication(actor=office_user, obj=finding)
    finish(finding)
    paths = [
        "/xxgk/zdrw/",
        f"/xxgk/zdrw/{published_task.pk}/",
        f"/xxgk/dczg/{finding.pk}/",
        "/xxgk/catalogue/?category=execution",
    ]
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    problems = []
    try:
        for path in paths:
            page.goto(live_server.url + path)
            page.add_script_tag(path=str(AXE))
            result = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
                WCAG21_AA,
            )
            problems += [f"{path}: {v['id']} {v['nodes'][0]['html'][:120]}" for v in result["violations"]]
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                problems.append(f"{path}: {overflow}px wider than {width}")
    finally:
        context.close()
    assert problems == []
