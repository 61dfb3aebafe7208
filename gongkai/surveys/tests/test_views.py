"""The public questionnaire and results, the office screens, the CSV downloads and the API."""

import pytest

from gongkai.surveys import services
from gongkai.surveys.models import Answer, Response

from .conftest import answers_for, close

pytestmark = pytest.mark.django_db


def _post_data(survey, text="建议"):
    q = {x.position: x.pk for x in survey.questions.all()}
    return {
        f"q{q[1]}": "0",
        f"q{q[2]}": ["0", "2"],
        f"q{q[3]}": "4",
        f"q{q[4]}_r0": "0",
        f"q{q[4]}_r1": "2",
        f"q{q[5]}": text,
    }


def test_the_column_lists_published_surveys(client, make_survey):
    survey = make_survey()
    html = client.get("/hdjl/dczj/").content.decode()
    assert survey.title in html and "正在征集" in html
    assert "调查征集" in client.get("/hdjl/").content.decode()


def test_answering_through_the_page_then_the_same_browser_is_refused(client, make_survey):
    survey = make_survey()
    client.get(f"/hdjl/dczj/{survey.pk}/")  # sets the browser's cookie
    first = client.post(f"/hdjl/dczj/{survey.pk}/", _post_data(survey))
    assert first.status_code == 302
    second = client.post(f"/hdjl/dczj/{survey.pk}/", _post_data(survey))
    assert second.status_code == 409
    assert "每人只能提交一次（本调查的规则：同一浏览器只能提交一次）" in second.content.decode()
    assert Response.objects.count() == 1
    assert "您已提交本次调查的答卷" in client.get(f"/hdjl/dczj/{survey.pk}/").content.decode()


def test_a_missing_required_answer_is_shown_and_the_rest_kept(client, make_survey):
    survey = make_survey()
    data = _post_data(survey, text="保留我的建议")
    scale = survey.questions.get(kind="scale")
    del data[f"q{scale.pk}"]
    response = client.post(f"/hdjl/dczj/{survey.pk}/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "请回答第 3 题：总体满意度" in html
    assert "保留我的建议" in html
    assert Response.objects.count() == 0


def test_results_are_public_only_once_published(client, make_survey, drafter, office_user, finish):
    survey = make_survey()
    services.submit_response(
        survey=survey, answers=answers_for(survey, text="好"), browser_token="a", ip="10.0.0.1"
    )
    assert client.get(f"/hdjl/dczj/{survey.pk}/results/").status_code == 404
    close(survey)
    services.moderate_text(actor=office_user, answer=Answer.objects.get(question__kind="text"), approve=True)
    report = services.generate_results(actor=drafter, survey=survey)
    services.send_to_publication(actor=drafter, obj=report)
    finish(report)
    html = client.get(f"/hdjl/dczj/{survey.pk}/results/").content.decode()
    assert 'id="survey-charts" type="application/json"' in html
    assert "<script>" not in html
    csv = client.get(f"/hdjl/dczj/{survey.pk}/results.csv").content.decode("utf-8-sig")
    assert "1. 您主要通过什么渠道获取统计数据？,网站,1,100.0" in csv
    assert "调查征集结果" in client.get("/xxgk/catalogue/?category=result").content.decode()
    api = client.get(f"/api/v1/surveys/{survey.pk}/results").json()
    assert api["responses"] == 1


def test_office_screens_and_raw_csv(staff_client, drafter, office_user, make_survey):
    survey = make_survey()
    services.submit_response(
        survey=survey, answers=answers_for(survey, text="需审核"), browser_token="a", ip="10.0.0.1"
    )
    client = staff_client(drafter)
    assert survey.title in client.get("/office/surveys/").content.decode()
    assert "1 份" in client.get(f"/office/surveys/{survey.pk}/").content.decode()
    raw = client.get(f"/office/surveys/{survey.pk}/responses.csv").content.decode("utf-8-sig")
    assert "网站" in raw and "需审核（待审核）" in raw
    assert "需审核" in staff_client(office_user).get("/office/surveys/moderation/").content.decode()


def test_api_answer_once_per_client_token(client, make_survey):
    survey = make_survey()
    payload = {"client_token": "device-1", "answers": {str(k): v for k, v in answers_for(survey).items()}}
    assert (
        client.post(
            f"/api/v1/surveys/{survey.pk}/responses", payload, content_type="application/json"
        ).status_code
        == 201
    )
    again = client.post(f"/api/v1/surveys/{survey.pk}/responses", payload, content_type="application/json")
    assert again.status_code == 409
    assert again.json()["code"] == "already_answered"
    assert [q["kind"] for q in client.get(f"/api/v1/surveys/{survey.pk}").json()["questions"]] == [
        "single",
        "multiple",
        "scale",
        "matrix",
        "text",
    ]
