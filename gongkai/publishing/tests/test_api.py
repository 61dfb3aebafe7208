"""/api/v1/workflows: the publication workflow driven with bearer tokens, errors as problem JSON."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.accounts.models import Department
from gongkai.accounts.roles import Role
from gongkai.accounts.services import issue_api_token
from gongkai.confidentiality.scanner import Source
from gongkai.core.models import AuditEvent
from gongkai.publishing import registry
from gongkai.publishing import services as publishing
from gongkai.publishing.models import Workflow

pytestmark = pytest.mark.django_db
BASE = "/api/v1/workflows"


class DepartmentAdapter(registry.PublishableAdapter):
    """A stand-in content type (the publishing tests use the same one): a 处室 and its duties text."""

    model = Department

    def scan_sources(self, obj):
        return [Source(label="正文", text=obj.duties)], []

    def title(self, obj):
        return obj.name

    def department_of(self, obj):
        return obj


@pytest.fixture(autouse=True)
def adapter():
    registry.register(DepartmentAdapter())
    yield
    registry.unregister(Department)


def _token_for(user) -> str:
    return issue_api_token(actor=user, label="测试")[1]


@pytest.fixture
def api(client):
    def call(user, method, path, data=None):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {_token_for(user)}"}
        if method == "get":
            return client.get(BASE + path, **headers)
        return client.post(BASE + path, data or {}, content_type="application/json", **headers)

    return call


@pytest.fixture
def people(make_user, department):
    return {
        "drafter": make_user(Role.DRAFTER, department=department, username="chengban", full_name="陈明"),
        "reviewer": make_user(Role.CONFIDENTIALITY_REVIEWER, username="baomi", full_name="黄静"),
        "approver": make_user(Role.APPROVER, username="lingdao", full_name="王建国"),
        "office": make_user(Role.OPENNESS_OFFICE, username="gongkaiban", full_name="林晓"),
    }


@pytest.fixture
def draft(people, department):
    department.duties = "负责全市统计数据的发布。"
    department.save()
    return publishing.start_workflow(actor=people["drafter"], obj=department)


def test_anonymous_and_bad_tokens_are_refused(client, draft):
    assert client.get(BASE + "/queue").status_code == 401
    assert client.post(f"{BASE}/{draft.pk}/submit", HTTP_AUTHORIZATION="Bearer gk_wrong").status_code == 401


def test_the_whole_workflow_through_the_api(api, people, draft):
    queue = api(people["drafter"], "get", "/queue").json()
    assert [w["id"] for w in queue["drafts"]] == [draft.pk]
    assert queue["drafts"][0]["allowed_actions"] == ["submit"]

    r = api(people["drafter"], "post", f"/{draft.pk}/submit")
    assert (
        r.status_code == 200 and r.json()["state"] == "submitted" and r.json()["state_label"] == "待保密审查"
    )
    assert [w["id"] for w in api(people["reviewer"], "get", "/queue").json()["review"]] == [draft.pk]

    r = api(people["reviewer"], "post", f"/{draft.pk}/pass-review", {"note": "未发现涉密内容"})
    assert r.status_code == 200 and r.json()["state"] == "approval"
    assert [w["id"] for w in api(people["approver"], "get", "/queue").json()["approval"]] == [draft.pk]

    r = api(people["approver"], "post", f"/{draft.pk}/approve")
    assert r.status_code == 200 and r.json()["state"] == "published" and r.json()["published_at"]

    r = api(people["office"], "post", f"/{draft.pk}/withdraw", {"reason": "内容有误，更正后重新发布。"})
    assert r.status_code == 200 and r.json()["state"] == "withdrawn"
    assert r.json()["withdrawal_reason"] == "内容有误，更正后重新发布。"
    verbs = list(
        AuditEvent.objects.filter(verb__startswith="publishing.", object_id=str(draft.pk))
        .order_by("id")
        .values_list("verb", flat=True)
    )
    assert verbs == [
        "publishing.started",
        "publishing.submitted",
        "publishing.review_passed",
        "publishing.approved",
        "publishing.withdrawn",
    ]


def test_approval_with_a_time_without_zone_is_beijing_time(api, people, draft):
    publishing.submit(actor=people["drafter"], workflow=draft)
    publishing.pass_review(actor=people["reviewer"], workflow=draft)
    later = timezone.localtime() + timedelta(days=2)
    r = api(
        people["approver"], "post", f"/{draft.pk}/approve", {"publish_at": later.strftime("%Y-%m-%dT%H:%M")}
    )
    assert r.status_code == 200 and r.json()["state"] == "scheduled"
    draft.refresh_from_db()
    assert timezone.localtime(draft.publish_at).strftime("%Y-%m-%d %H:%M") == later.strftime("%Y-%m-%d %H:%M")


def test_wrong_role_is_403_and_nothing_changes(api, people, draft):
    publishing.submit(actor=people["drafter"], workflow=draft)
    r = api(people["drafter"], "post", f"/{draft.pk}/pass-review")
    assert r.status_code == 403
    assert r.json()["code"] == "permission_denied" and r.json()["title"] == "您的角色无权执行此操作。"
    draft.refresh_from_db()
    assert draft.state == "submitted"


def test_wrong_state_is_409(api, people, draft):
    r = api(people["approver"], "post", f"/{draft.pk}/approve")
    assert r.status_code == 409
    assert r.json() == {
        "type": "https://gongkai.example/problems/invalid_transition",
        "title": "“草稿”状态下不能执行“批准发布”。",
        "status": 409,
        "code": "invalid_transition",
    }


def test_missing_reason_and_blocking_findings_are_422(api, people, draft, department):
    publishing.submit(actor=people["drafter"], workflow=draft)
    r = api(people["reviewer"], "post", f"/{draft.pk}/return", {"reason": "  "})
    assert r.status_code == 422 and r.json()["field"] == "reason" and r.json()["title"] == "请填写退回理由。"
    publishing.return_to_draft(actor=people["reviewer"], workflow=draft, reason="补充材料")
    department.duties = "联系人身份证号 11010519491231002X。"
    department.save()
    api(people["drafter"], "post", f"/{draft.pk}/submit")
    r = api(people["reviewer"], "post", f"/{draft.pk}/pass-review")
    assert r.status_code == 422 and r.json()["field"] == "findings"
    assert Workflow.objects.get(pk=draft.pk).state == "submitted"


def test_other_agency_sees_404(api, make_user, other_agency, draft):
    stranger = make_user(Role.APPROVER, agency=other_agency, username="waiju")
    assert api(stranger, "get", f"/{draft.pk}").status_code == 404
    r = api(stranger, "post", f"/{draft.pk}/approve")
    assert r.status_code == 404 and r.json()["code"] == "not_found"
