"""One answer per e-mail address, proven by a one-time code sent through the outbox (issue 14 item 6)."""

import re

import pytest

from gongkai.core.errors import ValidationFailed
from gongkai.core.ratelimit import Throttled
from gongkai.outbox.models import OutboxMessage
from gongkai.surveys import services
from gongkai.surveys.models import IdentityRule, Response

from .conftest import answers_for


def _code(email: str) -> str:
    message = OutboxMessage.objects.filter(recipient=email, kind="survey.code").order_by("-pk").first()
    return re.search(r"验证码：(\d{6})", message.body).group(1)


@pytest.mark.django_db
def test_the_code_mailed_to_an_address_admits_one_answer_per_address(make_survey):
    survey = make_survey(rule=IdentityRule.EMAIL)
    services.send_code(survey=survey, email="Citizen@Example.org", ip="203.0.113.1")
    code = _code("citizen@example.org")
    with pytest.raises(ValidationFailed) as refused:
        services.submit_response(
            survey=survey,
            answers=answers_for(survey),
            email="citizen@example.org",
            code="000000" if code != "000000" else "111111",
        )
    assert refused.value.field == "code" and "还可再试 4 次" in refused.value.message
    services.submit_response(
        survey=survey, answers=answers_for(survey), email="citizen@example.org", code=code, ip="203.0.113.1"
    )
    assert Response.objects.filter(survey=survey).count() == 1
    with pytest.raises(services.AlreadyAnswered):  # the same address again: refused before a code is sent
        services.send_code(survey=survey, email="citizen@example.org")
    with pytest.raises(ValidationFailed):  # a spent code never works twice
        services.submit_response(
            survey=survey, answers=answers_for(survey), email="other@example.org", code=code
        )


@pytest.mark.django_db
def test_codes_are_rate_limited_and_void_after_five_wrong_entries(make_survey):
    survey = make_survey(rule=IdentityRule.EMAIL)
    for _ in range(3):
        services.send_code(survey=survey, email="a@example.org")
    with pytest.raises(Throttled):
        services.send_code(survey=survey, email="a@example.org")
    code = _code("a@example.org")
    wrong = "123456" if code != "123456" else "654321"
    for _ in range(5):
        with pytest.raises(ValidationFailed):
            services.submit_response(
                survey=survey, answers=answers_for(survey), email="a@example.org", code=wrong
            )
    with pytest.raises(ValidationFailed, match="失效"):
        services.submit_response(survey=survey, answers=answers_for(survey), email="a@example.org", code=code)
    assert not Response.objects.exists()


@pytest.mark.django_db
def test_the_page_sends_the_code_keeps_the_answers_and_then_takes_the_answer(make_survey, client):
    survey = make_survey(rule=IdentityRule.EMAIL)
    question = survey.questions.first()
    page = client.post(
        f"/hdjl/dczj/{survey.pk}/", {"email": "b@example.org", "send_code": "1", f"q{question.pk}": "0"}
    )
    html = page.content.decode()
    assert page.status_code == 200 and "验证码已发送" in html and 'value="b@example.org"' in html
    assert OutboxMessage.objects.filter(recipient="b@example.org").count() == 1
