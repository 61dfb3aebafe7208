import hashlib
import json
from datetime import date

import pytest

from gongkai.catalogue.models import ApiToken
from gongkai.cityops.models import SupervisionNotice, TableSubmission
from gongkai.cityops.tests.test_rollup import balanced


def bearer(user) -> dict:
    raw = f"gk_test_city_{user.pk}"
    ApiToken.objects.get_or_create(user=user, label="t", key_hash=hashlib.sha256(raw.encode()).hexdigest())
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(client, path, auth, body):
    return client.post(path, json.dumps(body), content_type="application/json", **auth)


def test_notices_through_the_api_with_tenancy(
    client, agency, other_agency, city_user, office_user, make_user
):
    from gongkai.accounts.roles import Role

    city = bearer(city_user)
    made = post(
        client,
        "/api/v1/city/notices",
        city,
        {"agency": agency.code, "subject": "甲", "body": "乙", "due_days": 3},
    )
    assert made.status_code == 201
    pk = made.json()["id"]
    assert (
        post(
            client,
            "/api/v1/city/notices",
            bearer(office_user),
            {"agency": agency.code, "subject": "x", "body": "y", "due_days": 3},
        ).status_code
        == 403
    )
    stranger = bearer(make_user(Role.OPENNESS_OFFICE, agency=other_agency))
    assert client.get("/api/v1/city/notices", **stranger).json() == []
    assert post(client, f"/api/v1/city/notices/{pk}/answer", stranger, {"answer": "z"}).status_code == 404
    mine = bearer(office_user)
    assert [n["id"] for n in client.get("/api/v1/city/notices", **mine).json()] == [pk]
    answered = post(client, f"/api/v1/city/notices/{pk}/answer", mine, {"answer": "已整改。"})
    assert answered.status_code == 200 and answered.json()["answered_on"]
    assert SupervisionNotice.objects.get().answer == "已整改。"


def test_rollup_through_the_api_refuses_an_unbalanced_table_naming_the_cell(
    client, agency, city_user, city_today, office_user
):
    city_today(date(2026, 3, 1))
    auth = bearer(city_user)
    tables = balanced()
    tables["table4"]["review"]["total"] = 9
    refused = post(client, f"/api/v1/city/annual-reports/2025/{agency.code}", auth, {"tables": tables})
    assert refused.status_code == 422 and "表四“行政复议”“总计”" in refused.json()["title"]
    assert not TableSubmission.objects.exists()
    ok = post(client, f"/api/v1/city/annual-reports/2025/{agency.code}", auth, {"tables": balanced()})
    assert ok.status_code == 201
    summary = client.get("/api/v1/city/annual-reports/2025", **auth).json()
    assert summary["tables"]["table3"]["new"]["total"] == 12
    assert client.get("/api/v1/city/annual-reports/2025", **bearer(office_user)).status_code == 403


@pytest.mark.parametrize("path", ["/api/v1/city/notices", "/api/v1/city/annual-reports/2025"])
def test_city_api_needs_a_token(client, path):
    assert client.get(path).status_code == 401
