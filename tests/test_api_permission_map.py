"""The permission map of the JSON API (accounts/permission_map.API) against what every staff route does.

Issue 12 item 15 for the API: every staff route of /api/v1/ (one that takes a token of 我的 API 令牌) is
in the map; each role of the demo agency, calling with its own real token and a body the route's schema
accepts, is let in (not 401/403, never 5xx) exactly when it holds the declared permission; staff of
another agency, whatever their roles, never open or change one of the demo agency's records (403/404);
and a method the route does not serve answers 405. Every call runs inside a savepoint that is rolled
back, so a role that is let in may POST (approve, answer, draw…) without changing what the next call sees.
The sweep runs in parts by the path's first segment (`PARTS`), which pytest-xdist spreads over its workers.
"""

import json
from datetime import timedelta

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from gongkai.accounts import permission_map
from gongkai.accounts.factories import AgencyFactory, UserFactory
from gongkai.accounts.permissions import has_perm
from gongkai.accounts.roles import AGENCY_WIDE_ROLES, Role
from gongkai.accounts.services import issue_api_token

from .test_permission_map import StatusClient

PREFIX = "/api/v1"
RECORD_PARAMETERS = ("{pk}", "{workflow_id}", "{item_id}")
# The sweep's parts: first path segments; "rest" takes every segment not named here.
PARTS = {
    "requests": ("requests",),
    "workflows": ("workflows", "documents", "power-list"),
    "rest": (),
}


def _in_part(path: str, part: str) -> bool:
    segment = path.split("/")[1]
    if PARTS[part]:
        return segment in PARTS[part]
    return not any(segment in segments for segments in PARTS.values())


def staff_operations() -> dict[str, set[str]]:
    """Path (as in the OpenAPI schema, below /api/v1) → the methods served there that need a token;
    and, for every path, all its methods (staff or public) under the key "*path"."""
    from django.urls import get_resolver

    from gongkai.web.api import api

    get_resolver().url_patterns  # noqa: B018 — mounts every router, so the schema sees them all
    schema = api.get_openapi_schema()
    operations: dict[str, set[str]] = {}
    for full_path, methods in schema["paths"].items():
        path = full_path.removeprefix(PREFIX)
        for method, operation in methods.items():
            operations.setdefault("*" + path, set()).add(method.upper())
            if operation.get("security"):
                operations.setdefault(path, set()).add(method.upper())
    return operations


def _staff_keys() -> set[str]:
    return {
        f"{method} {path}"
        for path, methods in staff_operations().items()
        if not path.startswith("*")
        for method in methods
    }


def test_every_staff_api_route_declares_its_permission():
    keys = _staff_keys()
    assert len(keys) >= 46
    missing = sorted(keys - set(permission_map.API))
    assert not missing, f"staff API routes without an entry in accounts/permission_map.API: {missing}"
    stale = sorted(set(permission_map.API) - keys)
    assert not stale, f"API permission map entries for routes that no longer exist or need no token: {stale}"
    assert set(permission_map.API) >= permission_map.API_CITY_WIDE | permission_map.API_WHOLE_AGENCY


def test_the_api_map_names_only_known_permissions():
    for key, permission in permission_map.API.items():
        assert permission in permission_map.known_permissions(), (key, permission)


def test_no_two_api_schemas_share_a_name():
    """Two request bodies with one OpenAPI name make the published schema describe one of them wrongly."""
    from gongkai.web.api import api

    staff_operations()
    seen: dict[str, type] = {}
    clashes = []
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.models:
                    for field in model.model_fields.values():
                        body = field.annotation
                        if isinstance(body, type) and hasattr(body, "model_json_schema"):
                            earlier = seen.setdefault(body.__name__, body)
                            if earlier is not body:
                                clashes.append(f"{body.__module__}.{body.__name__} / {earlier.__module__}")
    assert not clashes, clashes


def _samples(demo) -> tuple[dict[str, str], dict[str, dict]]:
    """Concrete values for the path parameters (records of the demo agency, of the 承办人's department
    where the record has one) and a body each POST's schema accepts."""
    from gongkai.cityops.models import SupervisionNotice
    from gongkai.enforcement.models import Decision, Inspection
    from gongkai.foi_requests import services as foi_services
    from gongkai.foi_requests.models import FoiRequest
    from gongkai.self_inspection.models import Campaign, Entry, NegativeListReview

    agency = demo["agency"]
    drafter = next(u for u in demo["users"].values() if Role.DRAFTER in u.roles)

    def first(model, **filters):
        qs = model.objects.filter(agency=agency, **filters).order_by("pk")
        if hasattr(model, "department"):
            return (qs.filter(department=drafter.department).first() or qs.first()).pk
        return qs.first().pk

    # a draft of the 承办人's to submit, and one already waiting for the 保密审查 (the routes' states)
    from gongkai.catalogue import selectors as catalogue_selectors
    from gongkai.catalogue import services as catalogue_services
    from gongkai.publishing import services as publishing_services
    from gongkai.publishing.selectors import workflow_for

    draft, waiting = (
        catalogue_services.create_item(actor=drafter, title=title)
        for title in ("接口检查的草稿", "接口检查的送审稿")
    )
    submitted = publishing_services.submit(
        actor=drafter, workflow=workflow_for(catalogue_selectors.latest_revision(waiting))
    )
    foi_request = FoiRequest.objects.get(pk=first(FoiRequest, status="in_progress"))
    target = foi_services.forwarding_targets(foi_request).order_by("code").first()
    last_year = timezone.localdate().year - 1
    values = {
        "/documents/drafts/{item_id}": str(draft.pk),
        "/requests/{pk}": str(foi_request.pk),
        "/workflows/{workflow_id}": str(submitted.pk),
        "/enforcement/decisions/{pk}": str(first(Decision)),
        "/enforcement/inspections/{pk}": str(first(Inspection)),
        "/self-inspection/campaigns/{pk}": str(first(Campaign)),
        "/self-inspection/entries/{pk}": str(Entry.objects.filter(campaign__agency=agency).first().pk),
        "/self-inspection/negative-list/{pk}": str(
            NegativeListReview.objects.filter(campaign__agency=agency).first().pk
        ),
        "/city/annual-reports/{year}": str(last_year),
        "/city/notices/{pk}": str(SupervisionNotice.objects.filter(agency=agency).first().pk),
        "{code}": agency.code,
    }
    today = timezone.localdate().isoformat()
    bodies = {
        "/documents/drafts": {"title": "接口权限检查的草稿"},
        "/requests/register": {
            "applicant_type": "natural_person",
            "applicant_name": "张三",
            "id_type": "resident_id",
            "id_number": "11010519491231002X",
            "phone": "13800000000",
            "email": "zhang@example.com",
            "description": "2025年福州市规模以上工业企业名录",
            "delivery_form": "electronic",
            "delivery_channel": "email",
            "channel": "fax",
        },
        "/requests/{pk}/confirm": {},
        "/requests/{pk}/assign": {"department_id": drafter.department_id},
        "/requests/{pk}/supplement-notice": {"items": "请写明所需信息的名称"},
        "/requests/{pk}/supplement": {},
        "/requests/{pk}/consultations": {"party": "third_party", "consultee": "某公司"},
        "/requests/{pk}/consultations/end": {},
        "/requests/{pk}/extend": {"days": 20, "reason": "需要与第三方协调"},
        "/requests/{pk}/fee-notice": {"method": "per_request"},
        "/requests/{pk}/fee-paid": {},
        "/requests/{pk}/answer": {"outcome": "disclosed", "text": "经审查，予以公开。"},
        "/requests/{pk}/withdraw": {"note": "申请人撤回申请"},
        "/requests/{pk}/forward": {"to_agency": target.code if target else "none"},
        "/workflows/{workflow_id}/return": {"reason": "请补充数据来源"},
        "/workflows/{workflow_id}/withdraw": {"reason": "数据有误，撤回更正"},
        "/power-list/adjustments": {"change_note": "调整", "effective_on": today},
        "/enforcement/decisions": {
            "kind": "penalty",
            "document_number": "榕统罚〔2026〕99号",
            "title": "迟报案",
            "party_type": "organisation",
            "party_name": "某公司",
            "facts": "迟报统计资料",
            "basis": "《中华人民共和国统计法》第四十五条",
            "outcome": "警告",
            "decided_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        },
        "/enforcement/decisions/{pk}/change": {
            "change_kind": "revoked",
            "changed_on": today,
            "reason": "撤销",
        },
        "/self-inspection/campaigns": {"year": last_year - 1},
        "/self-inspection/entries/{pk}/decision": {"decision": "keep", "reason": "涉及商业秘密"},
        "/self-inspection/negative-list/{pk}": {"outcome": "keep", "reason": "仍属依法不予公开的事项"},
        "/self-inspection/campaigns/{pk}/close": {"conclusion": "已完成自查"},
        "/city/annual-reports/{year}/{code}": {"tables": {}},
        "/city/notices": {"agency": agency.code, "subject": "督办", "body": "请及时更新目录", "due_days": 5},
        "/city/notices/{pk}/answer": {"answer": "已更新"},
    }
    return values, bodies


def _fill(path: str, values: dict[str, str]) -> str:
    """`/requests/{pk}/answer` → `/requests/12/answer`: a parameter takes the value given for the
    longest template the path starts with (or the bare parameter's value)."""
    filled = path
    for template, value in sorted(values.items(), key=lambda kv: -len(kv[0])):
        if template.startswith("/"):
            if path.startswith(template):
                parameter = template.rsplit("/", 1)[1]
                filled = filled.replace(parameter, value, 1)
        else:
            filled = filled.replace(template, value)
    return filled


QUERY = {"/assessment/scores": "period={year}", "/assessment/scores/{code}": "period={year}"}


def _call(client: Client, method: str, url: str, body: dict | None, token: str):
    """One request inside a savepoint that is rolled back (the database is as before afterwards)."""
    with transaction.atomic():
        kwargs = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        if method == "GET":
            response = client.get(url, **kwargs)
        else:
            response = client.post(url, json.dumps(body or {}), content_type="application/json", **kwargs)
        transaction.set_rollback(True)
    return response


def test_the_sweep_parts_cover_every_staff_route():
    for path in staff_operations():
        if not path.startswith("*"):
            assert sum(_in_part(path, part) for part in PARTS) == 1, path


@pytest.mark.parametrize("part", PARTS)
def test_every_staff_api_route_answers_every_role_as_the_map_says(demo, part):
    from gongkai.assessment import measures

    agency = demo["agency"]
    users = demo["users"]
    for user in users.values():
        user.refresh_from_db()
    drafter = next(u for u in users.values() if Role.DRAFTER in u.roles)
    own = {
        role: next((u for u in users.values() if role in u.roles and len(u.roles) == 1), None)
        or UserFactory(agency=agency, department=drafter.department, roles=[role])
        for role in Role
    }
    stranger = UserFactory(agency=AgencyFactory(code="other", name="另一机关"), roles=list(Role))
    tokens = {role: issue_api_token(actor=user, label="sweep")[1] for role, user in own.items()}
    stranger_token = issue_api_token(actor=stranger, label="sweep")[1]
    values, bodies = _samples(demo)
    values["{code}"] = agency.code
    measure_code = measures.MEASURES[0].code
    year = timezone.localdate().year
    client = StatusClient(raise_request_exception=False)
    operations = staff_operations()
    failures = []
    for path, methods in sorted(operations.items()):
        if path.startswith("*") or not _in_part(path, part):
            continue
        url = PREFIX + _fill(path, values)
        if path == "/assessment/scores/{code}":
            url = PREFIX + "/assessment/scores/" + measure_code
        if path in QUERY:
            url += "?" + QUERY[path].format(year=year)
        for method in ("GET", "POST"):
            key = f"{method} {path}"
            if method not in operations["*" + path]:
                status = _call(client, method, url, {}, tokens[Role.OPENNESS_OFFICE]).status_code
                if status != 405:
                    failures.append(f"{key}: {status}, the route does not serve {method} (405)")
                continue
            if method not in methods or key not in permission_map.API:
                continue  # a public method, or reported by test_every_staff_api_route_declares_its_permission
            permission = permission_map.API[key]
            body = bodies.get(path)
            let_in = []
            for role, user in own.items():
                status = _call(client, method, url, body, tokens[role]).status_code
                allowed = has_perm(user, permission) and (
                    key not in permission_map.API_WHOLE_AGENCY or bool(user.roles & AGENCY_WIDE_ROLES)
                )
                if status >= 500 or status == 401:
                    failures.append(f"{key} as {role.label}: {status}")
                elif allowed and status == 403:
                    failures.append(f"{key} as {role.label}: 403, map says {permission}")
                elif not allowed and status not in (403, 404):
                    failures.append(f"{key} as {role.label}: {status}, lacks {permission}")
                elif allowed and status < 400:
                    let_in.append(role)
            if method == "GET" and not let_in:
                failures.append(f"{key}: no role holding {permission} was answered")
            if any(p in path for p in RECORD_PARAMETERS) and key not in permission_map.API_CITY_WIDE:
                status = _call(client, method, url, body, stranger_token).status_code
                if status not in (403, 404):
                    failures.append(f"{key} as another agency: {status}")
    assert not failures, "\n".join(failures)
