"""One response per person by the survey's rule, rate limits, the window, moderation, results."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.core.errors import Conflict, InvalidTransition, NotFound, ValidationFailed
from gongkai.core.ratelimit import Throttled
from gongkai.surveys import selectors, services
from gongkai.surveys.models import Answer, IdentityRule, Response, TextState

from .conftest import answers_for, close

pytestmark = pytest.mark.django_db


def test_a_response_is_stored_with_one_mark_per_choice(make_survey):
    survey = make_survey()
    services.submit_response(
        survey=survey, answers=answers_for(survey, text="多发布区县数据"), browser_token="t1", ip="10.0.0.1"
    )
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 1 + 2 + 1 + 2 + 1
    assert Answer.objects.get(question__kind="text").text_state == TextState.PENDING


def test_the_same_browser_cannot_answer_twice(make_survey):
    survey = make_survey()
    services.submit_response(survey=survey, answers=answers_for(survey), browser_token="t1", ip="10.0.0.1")
    with pytest.raises(
        services.AlreadyAnswered, match="每人只能提交一次（本调查的规则：同一浏览器只能提交一次）"
    ):
        services.submit_response(
            survey=survey, answers=answers_for(survey), browser_token="t1", ip="10.0.0.2"
        )
    assert Response.objects.count() == 1


def test_under_the_browser_rule_another_browser_on_the_same_address_may_answer(make_survey):
    survey = make_survey()
    services.submit_response(survey=survey, answers=answers_for(survey), browser_token="t1", ip="10.0.0.1")
    services.submit_response(survey=survey, answers=answers_for(survey), browser_token="t2", ip="10.0.0.1")
    assert Response.objects.count() == 2


def test_under_the_address_rule_the_address_decides(make_survey):
    survey = make_survey(rule=IdentityRule.ADDRESS)
    services.submit_response(survey=survey, answers=answers_for(survey), browser_token="t1", ip="10.0.0.1")
    with pytest.raises(services.AlreadyAnswered, match="同一网络地址只能提交一次"):
        services.submit_response(
            survey=survey, answers=answers_for(survey), browser_token="t2", ip="10.0.0.1"
        )


def test_under_the_combined_rule_either_the_browser_or_the_address_refuses(make_survey):
    survey = make_survey(rule=IdentityRule.BROWSER_AND_ADDRESS)
    services.submit_response(survey=survey, answers=answers_for(survey), browser_token="t1", ip="10.0.0.1")
    with pytest.raises(services.AlreadyAnswered):
        services.submit_response(
            survey=survey, answers=answers_for(survey), browser_token="t2", ip="10.0.0.1"
        )
    with pytest.raises(services.AlreadyAnswered):
        services.submit_response(
            survey=survey, answers=answers_for(survey), browser_token="t1", ip="10.0.0.9"
        )


def test_one_address_is_rate_limited_across_browsers(make_survey):
    survey = make_survey()
    for n in range(3):  # ratelimit.BURST: 3 in 2 minutes
        services.submit_response(
            survey=survey, answers=answers_for(survey), browser_token=f"t{n}", ip="10.0.0.1"
        )
    with pytest.raises(Throttled):
        services.submit_response(
            survey=survey, answers=answers_for(survey), browser_token="t9", ip="10.0.0.1"
        )
    assert Response.objects.count() == 3


def test_required_questions_are_named_when_missing(make_survey):
    survey = make_survey()
    answers = answers_for(survey)
    scale = survey.questions.get(kind="scale")
    answers[scale.pk] = None
    with pytest.raises(ValidationFailed, match="总体满意度") as exc:
        services.submit_response(survey=survey, answers=answers, browser_token="t1", ip="10.0.0.1")
    assert exc.value.field == f"q{scale.pk}"
    assert Response.objects.count() == 0


def test_out_of_range_answers_are_refused_not_crashing(make_survey):
    survey = make_survey()
    for bad in ({"single": 7}, {"scale": 9}, {"matrix": {0: 5, 1: 0}}, {"single": "x"}):
        answers = answers_for(survey, **bad)
        with pytest.raises(ValidationFailed):
            services.submit_response(survey=survey, answers=answers, browser_token="t1", ip="10.0.0.1")
    assert Response.objects.count() == 0


def test_no_answers_before_the_opening_minute_or_after_closing(make_survey):
    upcoming = make_survey(start=timezone.now() + timedelta(minutes=5))
    with pytest.raises(InvalidTransition, match="尚未开始"):
        services.submit_response(
            survey=upcoming, answers=answers_for(upcoming), browser_token="t", ip="10.0.0.1"
        )
    ended = close(make_survey())
    with pytest.raises(InvalidTransition, match="已经结束"):
        services.submit_response(survey=ended, answers=answers_for(ended), browser_token="t", ip="10.0.0.1")


def test_an_unpublished_survey_takes_no_answers(make_survey):
    survey = make_survey(publish=False)
    with pytest.raises(NotFound):
        services.submit_response(survey=survey, answers=answers_for(survey), browser_token="t", ip="10.0.0.1")


def test_questions_of_a_published_survey_cannot_change(make_survey, drafter):
    survey = make_survey()
    with pytest.raises(Conflict):
        services.save_question(actor=drafter, survey=survey, kind="text", text="新题")


def test_choice_questions_need_two_options(make_survey, drafter):
    survey = make_survey(publish=False)
    with pytest.raises(ValidationFailed, match="至少需要 2 个选项"):
        services.save_question(actor=drafter, survey=survey, kind="single", text="是否", options="是")


def test_results_wait_for_the_close_and_for_moderation_then_show_only_approved_texts(
    make_survey, drafter, office_user
):
    survey = make_survey()
    services.submit_response(
        survey=survey, answers=answers_for(survey, text="多发布区县数据"), browser_token="a", ip="10.0.0.1"
    )
    services.submit_response(
        survey=survey,
        answers=answers_for(survey, single=1, scale=3, text="买房加微信"),
        browser_token="b",
        ip="10.0.0.2",
    )
    with pytest.raises(InvalidTransition):
        services.generate_results(actor=drafter, survey=survey)
    close(survey)
    with pytest.raises(ValidationFailed, match="尚有 2 条填空回答未审核"):
        services.generate_results(actor=drafter, survey=survey)
    good, bad = Answer.objects.filter(question__kind="text").order_by("id")
    services.moderate_text(actor=office_user, answer=good, approve=True)
    services.moderate_text(actor=office_user, answer=bad, approve=False)
    report = services.generate_results(actor=drafter, survey=survey, introduction="共收到有效答卷 2 份。")
    single, _multiple, scale, _matrix, text = report.snapshot["questions"]
    assert [o["count"] for o in single["options"]] == [1, 1, 0]
    assert scale["mean"] == 4.0
    assert text["texts"] == ["多发布区县数据"]
    assert selectors.published_report(survey) is None  # published only through the workflow
