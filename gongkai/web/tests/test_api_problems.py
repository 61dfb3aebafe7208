"""Every 4xx of the JSON API is problem JSON with a Chinese title, whatever raised it."""

import pytest

pytestmark = pytest.mark.django_db


def test_schema_errors_are_problem_json_naming_the_field(client, agency):
    response = client.get("/api/v1/documents?limit=abc")  # rejected by django-ninja's schema
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert (body["code"], body["title"]) == ("validation_failed", "请求参数不符合要求，请检查后重试。")
    assert [e["field"] for e in body["errors"]] == ["limit"]


def test_domain_errors_keep_their_own_chinese_message(client, agency):
    response = client.get("/api/v1/search?q=统计&page=not-a-number")
    assert response.status_code == 422
    assert response.json() == {
        "type": "https://gongkai.example/problems/validation_failed",
        "title": "页码应为正整数。",
        "status": 422,
        "code": "validation_failed",
        "field": "page",
    }


def test_missing_token_is_problem_json(client, agency):
    response = client.get("/api/v1/workflows/queue")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "unauthenticated"


def test_unknown_record_is_problem_json(client, agency):
    response = client.get("/api/v1/documents/NO-SUCH-INDEX-NUMBER")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404
