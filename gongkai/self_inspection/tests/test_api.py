"""/api/v1/self-inspection: token-authenticated like the other staff APIs, problem JSON on bad input."""

import pytest
from django.utils import timezone

from gongkai.accounts.roles import Role
from gongkai.catalogue.services import issue_api_token

from . import factories as f

pytestmark = pytest.mark.django_db
BASE = "/api/v1/self-inspection"


def _auth(user) -> dict:
    _token, raw = issue_api_token(actor=user, label="自查接口测试")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_staff_api_runs_a_campaign_end_to_end(client, office_user):
    f.negative_entry(office_user)
    f.withheld_item(office_user, "统计执法检查内部工作方案")
    auth = _auth(office_user)
    year = timezone.localdate().year
    response = client.post(f"{BASE}/campaigns", {"year": year}, content_type="application/json", **auth)
    assert response.status_code == 201
    campaign = response.json()
    assert campaign["figures"]["total"] == 1 and campaign["figures"]["negative_total"] == 1
    again = client.post(f"{BASE}/campaigns", {"year": year}, content_type="application/json", **auth)
    assert again.status_code == 422 and again["Content-Type"] == "application/problem+json"
    assert "已经发起过" in again.json()["title"]
    detail = client.get(f"{BASE}/campaigns/{campaign['id']}", {"decision": "undecided"}, **auth).json()
    entry, review = detail["entries"][0], detail["negative_list"][0]
    refused = client.post(
        f"{BASE}/entries/{entry['id']}/decision",
        {"decision": "keep_withheld", "reason": "属于内部事务信息"},
        content_type="application/json",
        **auth,
    )
    assert refused.status_code == 422 and "第十四、十五、十六条" in refused.json()["title"]
    decided = client.post(
        f"{BASE}/entries/{entry['id']}/decision",
        {"decision": "publish", "reason": "情势变化，可以公开"},
        content_type="application/json",
        **auth,
    ).json()
    assert decided["publication_state"] == "草稿" and decided["decided_by"] == "林晓"
    closing = client.post(
        f"{BASE}/campaigns/{campaign['id']}/close",
        {"conclusion": "已全部整改完毕并报送。"},
        content_type="application/json",
        **auth,
    )
    assert closing.status_code == 422 and "1 项负面清单事项未审查" in closing.json()["title"]
    reviewed = client.post(
        f"{BASE}/negative-list/{review['id']}",
        {"outcome": "keep", "reason": "仍需保留"},
        content_type="application/json",
        **auth,
    )
    assert reviewed.json()["outcome"] == "keep"
    closed = client.post(
        f"{BASE}/campaigns/{campaign['id']}/close",
        {"conclusion": "已全部整改完毕并报送。"},
        content_type="application/json",
        **auth,
    )
    assert closed.json()["status"] == "closed"
    report = client.get(f"{BASE}/campaigns/{campaign['id']}/report.docx", **auth)
    assert report.status_code == 200 and report.content[:2] == b"PK"


def test_api_refuses_without_token_other_roles_and_other_agencies(
    client, office_user, drafter, make_user, other_agency
):
    year = timezone.localdate().year
    assert client.get(f"{BASE}/campaigns").status_code == 401
    response = client.post(
        f"{BASE}/campaigns", {"year": year}, content_type="application/json", **_auth(drafter)
    )
    assert response.status_code == 403 and response["Content-Type"] == "application/problem+json"
    assert client.get(f"{BASE}/campaigns", **_auth(drafter)).status_code == 403
    created = client.post(
        f"{BASE}/campaigns", {"year": year}, content_type="application/json", **_auth(office_user)
    ).json()
    outsider = _auth(make_user(Role.OPENNESS_OFFICE, agency=other_agency))
    assert client.get(f"{BASE}/campaigns", **outsider).json() == []
    assert client.get(f"{BASE}/campaigns/{created['id']}", **outsider).status_code == 404
    assert client.get(f"{BASE}/campaigns/99999999999999999999", **_auth(office_user)).status_code == 422
    bad = client.get(f"{BASE}/campaigns/{created['id']}", {"limit": 0}, **_auth(office_user))
    assert bad.status_code == 422
