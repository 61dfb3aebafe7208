"""An open questionnaire and published results pass axe-core (WCAG 2.1 A/AA) at 1366 px and 390 px and
do not scroll sideways."""

from pathlib import Path

import pytest

from gongkai.surveys import services
from gongkai.surveys.models import Answer

from .conftest import answers_for, close

AXE = Path(__file__).resolve().parents[3] / "tests" / "browser" / "vendor" / "axe.min.js"
WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1366, 390])
def test_questionnaire_and_results_have_no_wcag21_aa_violations(
    browser, live_server, make_survey, drafter, office_user, finish, width
):
    open_survey = make_survey()
    done = make_survey()
    services.submit_response(
        survey=done, answers=answers_for(done, text="好"), browser_token="a", ip="10.0.0.1"
    )
    close(done)
    services.moderate_text(actor=office_user, answer=Answer.objects.get(question__kind="text"), approve=True)
    report = services.generate_results(actor=drafter, survey=done)
    services.send_to_publication(actor=drafter, obj=report)
    finish(report)
    paths = ["/hdjl/dczj/", f"/hdjl/dczj/{open_survey.pk}/", f"/hdjl/dczj/{done.pk}/results/"]
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
