"""Issue 12 items 4 and 5: every 4xx/5xx of the API is problem JSON (RFC 9457), NUL characters and
invalid text are refused with 422 before they reach PostgreSQL, parameters out of range are 422, and a
body over DATA_UPLOAD_MAX_MEMORY_SIZE answers 413 problem JSON."""

import json

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def _is_problem(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status and body["title"] and body["type"].startswith("https://")
    return body


def test_unknown_route_is_404_problem(client, agency):
    _is_problem(client.get("/api/v1/no-such-thing"), 404)
    _is_problem(client.get("/api/v2/"), 404)


def test_wrong_method_is_405_problem_with_allow(client, agency):
    response = client.delete("/api/v1/documents")
    body = _is_problem(response, 405)
    assert body["code"] == "method_not_allowed" and "GET" in response["Allow"]


def test_unparseable_json_body_is_problem(client, agency):
    response = client.post("/api/v1/messages", data="{not json", content_type="application/json")
    assert response.status_code in (400, 422)
    _is_problem(response, response.status_code)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/documents?q=a%00b",
        "/api/v1/search?q=%00",
        "/api/v1/documents?issuer=%FF%FE",
        "/api/v1/data/datasets?topic=x%00",
    ],
)
def test_nul_and_invalid_utf8_in_query_are_422(client, agency, url):
    assert _is_problem(client.get(url), 422)["code"] == "invalid_text"


def test_nul_and_lone_surrogate_in_json_body_are_422(client, agency):
    for text in ("留言\u0000", "\ud800"):
        body = json.dumps({"name": "张三", "contact": "z@example.com", "subject": text, "body": text})
        response = client.post("/api/v1/messages", data=body, content_type="application/json")
        assert _is_problem(response, 422)["code"] == "invalid_text"


def test_nul_in_portal_form_is_422_page_not_500(client, agency):
    response = client.get("/search/?q=%00")
    assert response.status_code == 422 and "空字符" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/documents?year=-1",
        "/api/v1/documents?year=10000",
        "/api/v1/documents?node=99999999999999999999",
        "/api/v1/messages?limit=0",
    ],
)
def test_parameters_out_of_range_are_422(client, agency, url):
    _is_problem(client.get(url), 422)


def test_ids_beyond_the_integer_range_are_422_not_500(client, agency):
    for url in ("/api/v1/consultations/99999999999999999999", "/api/v1/interviews/99999999999999999999"):
        response = client.get(url)
        assert response.status_code in (404, 422)  # SQLite finds nothing, PostgreSQL refuses the value
        _is_problem(response, response.status_code)
    assert client.get("/sjfb/surveys/99999999999999999999/").status_code in (404, 422)


def test_staff_offset_out_of_range_is_422(client, admin_user):
    from gongkai.accounts.services import issue_api_token

    _, raw = issue_api_token(actor=admin_user, label="测试")
    for query in ("offset=-1", "limit=0", "offset=10000000"):
        response = client.get(f"/api/v1/requests?{query}", HTTP_AUTHORIZATION=f"Bearer {raw}")
        _is_problem(response, 422)
    assert client.get("/api/v1/requests?offset=0", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_body_over_the_limit_is_413_problem(client, agency):
    body = json.dumps({"name": "张三", "body": "字" * 2000})
    response = client.post("/api/v1/messages", data=body, content_type="application/json")
    assert _is_problem(response, 413)["code"] == "too_large"


def test_unauthenticated_staff_route_is_401_problem(client, agency):
    _is_problem(client.get("/api/v1/requests"), 401)
