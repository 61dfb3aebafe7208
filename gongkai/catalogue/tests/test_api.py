from datetime import timedelta
from urllib.parse import quote

import pytest
from django.utils import timezone

from gongkai.accounts import services as accounts_services
from gongkai.accounts.guard import SYSTEM
from gongkai.catalogue.importer import import_documents, read_rows

from .test_import import SIXTY

pytestmark = pytest.mark.django_db


@pytest.fixture
def sixty(agency):
    return import_documents(actor=SYSTEM, agency=agency, rows=read_rows(SIXTY.name, SIXTY.read_bytes()))


def test_list_with_cursor_pagination_walks_every_item_once(client, sixty):
    seen, cursor = [], ""
    while True:
        body = client.get(f"/api/v1/documents?limit=25&cursor={cursor}").json()
        seen += [d["index_number"] for d in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert len(seen) == 60 == len(set(seen))


def test_list_is_newest_first(client, sixty):
    items = client.get("/api/v1/documents?limit=60").json()["items"]
    dates = [d["published_at"] for d in items]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("issuer=国务院", 18),
        ("issuer=国务院办公厅", 40),
        ("year=2019", None),
        ("q=双随机", 1),
        ("validity=repealed", 0),
        ("category=decision", 0),
        ("source=higher_level", 60),
    ],
)
def test_filters(client, sixty, query, count):
    body = client.get(f"/api/v1/documents?limit=100&{query}").json()
    if count is None:
        assert body["items"] and all(d["published_at"].startswith("2019") for d in body["items"])
    else:
        assert len(body["items"]) == count


def test_detail_accepts_the_slash_form_and_the_slug_form(client, sixty):
    for path in ("000014349/2019-00007", quote("000014349/2019-00007", safe=""), "000014349-2019-00007"):
        response = client.get(f"/api/v1/documents/{path}")
        assert response.status_code == 200, path
        body = response.json()
        assert (body["index_number"], body["document_number"]) == ("000014349/2019-00007", "国发〔2019〕5号")
        assert "双随机" in body["body_html"]


def test_unknown_index_number_is_404_problem_json(client, agency):
    response = client.get("/api/v1/documents/350100TJJ/2099-00001")
    assert response.status_code == 404
    body = response.json()
    assert (body["status"], body["code"]) == (404, "not_found")
    assert "索引号" in body["title"]


def test_bad_cursor_and_limit_are_4xx_problems(client, agency):
    assert client.get("/api/v1/documents?cursor=@@@").status_code == 422
    assert client.get("/api/v1/documents?limit=1000").status_code == 422


def test_drafts_and_future_items_are_not_in_the_api(client, make_item, drafter, publish):
    draft = make_item(title="草稿")
    future = make_item(title="定时")
    publish(future.revisions.get(), author=drafter, publish_at=timezone.now() + timedelta(days=1))
    assert client.get("/api/v1/documents").json()["items"] == []
    assert client.get(f"/api/v1/documents/{draft.index_number}").status_code == 404
    assert client.get(f"/api/v1/documents/{future.slug}").status_code == 404


def test_staff_endpoints_need_a_token_and_call_the_services(client, drafter):
    assert (
        client.post("/api/v1/documents/drafts", {"title": "x"}, content_type="application/json").status_code
        == 401
    )
    _token, raw = accounts_services.issue_api_token(actor=drafter, label="测试")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    response = client.post(
        "/api/v1/documents/drafts",
        {"title": "经API新建", "body": "<p>正文</p>"},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 201
    created = response.json()
    assert created["workflow_state"] == "draft" and created["index_number"].startswith("350100TJJ/")
    submitted = client.post(f"/api/v1/documents/drafts/{created['id']}/submit", **auth)
    assert submitted.status_code == 200 and submitted.json()["workflow_state"] == "submitted"


def test_a_token_of_a_reviewer_cannot_create_drafts(client, make_user):
    from gongkai.accounts.models import ApiToken
    from gongkai.accounts.roles import Role
    from gongkai.catalogue.models import InformationItem

    reviewer = make_user(Role.OPENNESS_OFFICE)
    _token, raw = accounts_services.issue_api_token(actor=reviewer, label="x")
    reviewer.role_assignments.all().delete()
    reviewer.role_assignments.create(role=Role.CONFIDENTIALITY_REVIEWER)
    response = client.post(
        "/api/v1/documents/drafts",
        {"title": "x"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert InformationItem.objects.count() == 0 and ApiToken.objects.count() == 1
