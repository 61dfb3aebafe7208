import json

import pytest
from django.core.cache import cache

from gongkai.core import secret_links
from gongkai.foi_requests.models import FoiRequest

from .conftest import application


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def test_submit_and_follow_through_the_api(client, agency):
    response = client.post("/api/v1/requests", json.dumps(application()), content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    r = FoiRequest.objects.get()
    # The token is handed over once, in this answer; the database keeps only its hash.
    assert body["tracking_number"] == r.tracking_number and r.token_hash == secret_links.hash_token(
        body["token"]
    )
    assert body["track_url"].endswith(f"/xxgk/ysqgk/track/{r.tracking_number}/{body['token']}/")
    follow = client.get(f"/api/v1/requests/track/{r.tracking_number}?token={body['token']}")
    assert follow.status_code == 200 and follow.json()["status"] == "submitted"
    assert client.get(f"/api/v1/requests/track/{r.tracking_number}?token=wrong").status_code == 404


def test_bad_application_is_problem_json(client, agency):
    response = client.post(
        "/api/v1/requests", json.dumps(application(id_number="123")), content_type="application/json"
    )
    assert response.status_code == 422 and response.json()["field"] == "id_number"


def test_staff_list_needs_a_token(client, agency):
    assert client.get("/api/v1/requests").status_code == 401
