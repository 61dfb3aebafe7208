"""The API answers the public with masked decisions and the draw record; staff writes go through the services."""

from datetime import date

import pytest

from gongkai.accounts import services as accounts_services

from .conftest import VALID_ID

pytestmark = pytest.mark.django_db


def _auth(user):
    _token, raw = accounts_services.issue_api_token(actor=user, label="测试")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_public_decision_is_masked(client, make_decision, office_user, publish):
    d = make_decision(
        party_type="individual", party_name="张三", party_id_number=VALID_ID, facts="张三迟报统计资料。"
    )
    publish(d, author=office_user)
    body = client.get("/api/v1/enforcement/decisions").json()
    assert [(x["party"], x["party_identifier"], x["facts"]) for x in body] == [
        ("张*", "110105********002X", "张*迟报统计资料。")
    ]


def test_staff_register_and_refusal_is_problem_json(client, office_user):
    payload = {
        "kind": "penalty",
        "document_number": "榕统罚〔2026〕9号",
        "title": "迟报案",
        "party_type": "organisation",
        "party_name": "某公司",
        "facts": "迟报",
        "basis": "统计法第四十五条",
        "outcome": "警告",
        "decided_on": "2026-11-02",
    }
    assert (
        client.post("/api/v1/enforcement/decisions", payload, content_type="application/json").status_code
        == 401
    )
    response = client.post(
        "/api/v1/enforcement/decisions", payload, content_type="application/json", **_auth(office_user)
    )
    assert response.status_code == 201
    assert response.json()["due_on"] == "2026-11-11"
    pk = response.json()["id"]
    refused = client.post(
        f"/api/v1/enforcement/decisions/{pk}/change",
        {"change_kind": "revoked", "changed_on": "2026-11-20", "reason": "撤销"},
        content_type="application/json",
        **_auth(office_user),
    )
    assert refused.status_code == 409
    assert refused["Content-Type"] == "application/problem+json"


def test_certificate_lookup_and_unknown_number(client, office_user, agency):
    from gongkai.enforcement import services

    services.save_reference(
        actor=office_user,
        agency=agency,
        kind="officer",
        name="林一鸣",
        certificate_number="35010023001",
        valid_until=date(2028, 12, 31),
        active=True,
    )
    assert client.get("/api/v1/enforcement/certificates/35010023001").json()["name"] == "林一鸣"
    assert client.get("/api/v1/enforcement/certificates/00000").status_code == 404
    html = client.get("/bsfw/zfgs/certificate/?number=00000").content.decode()
    assert "没有查到执法证号为“00000”的执法人员" in html
