"""Staff actions through the API: token authentication, the same services as the pages, problem JSON
for denied actions (and nothing changes), and every path in the OpenAPI schema."""

import hashlib
import json
from datetime import date

import pytest

from gongkai.accounts.factories import DepartmentFactory
from gongkai.accounts.models import ApiToken
from gongkai.accounts.roles import Role
from gongkai.core.models import AuditEvent
from gongkai.foi_requests import services
from gongkai.foi_requests.models import FoiRequest, RequestEvent

from .conftest import application

STAFF_PATHS = [
    "/api/v1/requests/{pk}/confirm",
    "/api/v1/requests/{pk}/assign",
    "/api/v1/requests/{pk}/supplement-notice",
    "/api/v1/requests/{pk}/supplement",
    "/api/v1/requests/{pk}/consultations",
    "/api/v1/requests/{pk}/consultations/end",
    "/api/v1/requests/{pk}/extend",
    "/api/v1/requests/{pk}/fee-notice",
    "/api/v1/requests/{pk}/fee-paid",
    "/api/v1/requests/{pk}/answer",
    "/api/v1/requests/{pk}/withdraw",
    "/api/v1/requests/{pk}",
    "/api/v1/requests",
]

# These tests enter past cases today; back-dating has its own tests (test_legal_guardrails.py).
pytestmark = pytest.mark.usefixtures("no_backdate_limit")


def bearer(user) -> dict:
    raw = f"gk_test_{user.pk}_{user.username}"
    ApiToken.objects.create(user=user, label="test", key_hash=hashlib.sha256(raw.encode()).hexdigest())
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def submit(agency):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return services.submit_application(
        agency=agency,
        data=application(),
        submitted_at=datetime(2026, 9, 18, 21, tzinfo=ZoneInfo("Asia/Shanghai")),
    )


def post(client, path, auth, body=None):
    return client.post(path, json.dumps(body or {}), content_type="application/json", **auth)


@pytest.fixture
def office(make_user):
    return make_user(Role.OPENNESS_OFFICE, username="gkb-api")


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(services.recording, "legal_today", lambda: date(2026, 11, 27))


def test_every_staff_path_is_in_the_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = {p.replace("{pk}", "{pk}") for p in schema["paths"]}
    for path in STAFF_PATHS:
        assert path in paths, path
    extend = schema["paths"]["/api/v1/requests/{pk}/extend"]["post"]
    assert "延长答复期限" in extend["summary"] and extend["security"]


def test_a_whole_request_through_the_api(client, agency, office, freezer_date):
    auth = bearer(office)
    r = submit(agency)
    base = f"/api/v1/requests/{r.pk}"
    dept = DepartmentFactory(agency=agency, name="综合处")
    steps = [
        ("/confirm", {"on": "2026-09-21"}, "in_progress"),
        ("/assign", {"department_id": dept.pk}, "in_progress"),
        (
            "/supplement-notice",
            {"items": "请写明年份。", "days": 10, "on": "2026-09-22"},
            "awaiting_supplement",
        ),
        ("/supplement", {"on": "2026-10-12"}, "in_progress"),
        ("/consultations", {"party": "third_party", "consultee": "某企业", "on": "2026-10-13"}, "consulting"),
        ("/consultations/end", {"on": "2026-10-20"}, "in_progress"),
        ("/extend", {"days": 10, "reason": "年份较多。", "on": "2026-10-21"}, "in_progress"),
        ("/fee-notice", {"method": "per_page", "pages": 150, "on": "2026-10-22"}, "awaiting_payment"),
        ("/fee-paid", {"on": "2026-10-23"}, "in_progress"),
        ("/answer", {"outcome": "disclosed", "text": "现提供。", "on": "2026-11-02"}, "closed"),
    ]
    for path, body, status in steps:
        if "on" in body:  # each step entered the day it happened
            freezer_date(date.fromisoformat(body["on"]))
        response = post(client, base + path, auth, body)
        assert response.status_code == 200, (path, response.content)
        assert response.json()["status"] == status, path
    freezer_date(date(2026, 11, 27))
    r.refresh_from_db()
    assert r.department == dept and r.outcome == "disclosed" and r.fee_amount == 1700
    kinds = list(r.events.order_by("id").values_list("kind", flat=True))
    assert kinds == [
        "submitted",
        "confirm_receipt",
        "assigned",
        "request_supplement",
        "receive_supplement",
        "start_consultation",
        "end_consultation",
        "extend",
        "fee_notice",
        "fee_paid",
        "answer",
    ]
    body = client.get(base, **auth).json()
    assert body["clock"]["start_on"] == "2026-10-12" and body["clock"]["limit"] == 30
    withdrawn = submit(agency)
    response = post(client, f"/api/v1/requests/{withdrawn.pk}/withdraw", auth, {"note": "申请人来电撤回。"})
    assert response.status_code == 200 and response.json()["outcome"] == "other"


def test_denied_actions_are_403_problem_json_and_change_nothing(client, agency, office, make_user, today):
    r = submit(agency)
    services.confirm_receipt(actor=office, foi_request=r, on=date(2026, 11, 2))
    dept = DepartmentFactory(agency=agency)
    services.assign(actor=office, foi_request=r, department=dept)
    drafter = make_user(Role.DRAFTER, department=dept, username="ngr-api")
    auth = bearer(drafter)
    events, audits = (
        RequestEvent.objects.count(),
        AuditEvent.objects.exclude(verb__in=("auth.login", "access.denied")).count(),
    )
    for path, body in [
        ("/extend", {"days": 10, "reason": "x"}),
        ("/confirm", {}),
        ("/withdraw", {"note": "x"}),
        ("/assign", {"department_id": dept.pk}),
    ]:
        response = post(client, f"/api/v1/requests/{r.pk}{path}", auth, body)
        assert response.status_code == 403, (path, response.content)
        problem = response.json()
        assert problem["code"] == "permission_denied" and problem["status"] == 403
        assert response["Content-Type"].startswith("application/")
    assert (
        RequestEvent.objects.count() == events
        and AuditEvent.objects.exclude(verb__in=("auth.login", "access.denied")).count() == audits
    )
    # Each refusal itself is audited (issue 11.14), after the rollback.
    assert AuditEvent.objects.filter(verb="access.denied", actor=drafter).count() == 4
    r.refresh_from_db()
    assert r.status == "in_progress" and r.events.filter(kind="extend").count() == 0
    # The drafter of another department does not even see it; no token → 401.
    stranger = bearer(make_user(Role.DRAFTER, username="other-dept"))
    assert (
        post(
            client, f"/api/v1/requests/{r.pk}/answer", stranger, {"outcome": "disclosed", "text": "x"}
        ).status_code
        == 404
    )
    assert (
        post(client, f"/api/v1/requests/{r.pk}/answer", {}, {"outcome": "disclosed", "text": "x"}).status_code
        == 401
    )
    assert FoiRequest.objects.get(pk=r.pk).status == "in_progress"


def test_api_validation_and_state_errors(client, agency, office, today):
    auth = bearer(office)
    r = submit(agency)
    response = post(client, f"/api/v1/requests/{r.pk}/answer", auth, {"outcome": "disclosed", "text": "x"})
    assert response.status_code == 409 and response.json()["code"] == "invalid_transition"
    post(client, f"/api/v1/requests/{r.pk}/confirm", auth)
    response = post(client, f"/api/v1/requests/{r.pk}/extend", auth, {"days": 21, "reason": "x"})
    assert response.status_code == 422 and response.json()["field"] == "days"
    response = post(client, f"/api/v1/requests/{r.pk}/assign", auth, {"department_id": 999999})
    assert response.status_code == 422 and response.json()["field"] == "department_id"
    assert (
        list(client.get("/api/v1/requests?q=" + r.tracking_number, **auth).json()[0])
        and client.get("/api/v1/requests?q=不存在", **auth).json() == []
    )
