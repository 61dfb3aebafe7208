from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.accounts.factories import DepartmentFactory, UserFactory
from gongkai.accounts.roles import Role
from gongkai.confidentiality.models import ScanFinding
from gongkai.core.work_panels import panels_for
from gongkai.publishing import services
from gongkai.publishing.models import Workflow
from gongkai.publishing.states import State

from .conftest import VALID_ID

URLS = [
    "/office/publishing/drafts/",
    "/office/publishing/review/",
    "/office/publishing/approvals/",
    "/office/publishing/scheduled/",
    "/office/publishing/published/",
]


def test_every_page_refuses_anonymous_visitors(client, content, people):
    wf = services.start_workflow(actor=people["drafter"], obj=content)
    for url in [*URLS, "/office/publishing/", f"/office/publishing/{wf.pk}/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response["Location"], url


@pytest.mark.parametrize(
    ("person", "allowed"),
    [
        ("drafter", {0, 3, 4}),
        ("reviewer", {1, 3, 4}),
        ("approver", {2, 3, 4}),
        ("office", {0, 3, 4}),
        ("supervisor", {3, 4}),
    ],
)
def test_pages_per_role(staff_client, people, person, allowed):
    client = staff_client(people[person])
    for index, url in enumerate(URLS):
        assert client.get(url).status_code == (200 if index in allowed else 403), url


def test_landing_page_sends_each_role_to_its_queue(staff_client, people):
    assert (
        staff_client(people["reviewer"]).get("/office/publishing/")["Location"]
        == "/office/publishing/review/"
    )
    assert (
        staff_client(people["approver"]).get("/office/publishing/")["Location"]
        == "/office/publishing/approvals/"
    )
    assert (
        staff_client(people["drafter"]).get("/office/publishing/")["Location"] == "/office/publishing/drafts/"
    )
    assert (
        staff_client(people["supervisor"]).get("/office/publishing/")["Location"]
        == "/office/publishing/published/"
    )


def test_empty_states(staff_client, people):
    client = staff_client(people["reviewer"])
    assert "暂无待保密审查的内容。" in client.get("/office/publishing/review/").content.decode()
    assert "还没有已发布的内容。" in client.get("/office/publishing/published/").content.decode()


def test_drafter_submits_from_my_drafts(staff_client, content, people):
    wf = services.start_workflow(actor=people["drafter"], obj=content)
    client = staff_client(people["drafter"])
    page = client.get("/office/publishing/drafts/").content.decode()
    assert "2024年统计公报" in page and "提交审查" in page
    response = client.post(f"/office/publishing/{wf.pk}/submit/", {"next": "/office/publishing/drafts/"})
    assert response.status_code == 302 and response["Location"] == "/office/publishing/drafts/"
    assert Workflow.objects.get(pk=wf.pk).state == State.SUBMITTED


def test_review_queue_shows_findings_and_the_override_then_pass(staff_client, content, people):
    content.duties = f"身份证号 {VALID_ID}"
    content.save()
    wf = services.start_workflow(actor=people["drafter"], obj=content)
    services.submit(actor=people["drafter"], workflow=wf)
    client = staff_client(people["reviewer"])
    page = client.get("/office/publishing/review/").content.decode()
    for label in ("2024年统计公报", "审查通过", "退回修改", "确认忽略", "身份证"):
        assert label in page, label
    assert VALID_ID not in page  # masked

    response = client.post(f"/office/publishing/{wf.pk}/pass/", {f"wf{wf.pk}-note": ""})
    assert response.status_code == 422
    assert "1 项高风险问题" in response.content.decode()
    assert Workflow.objects.get(pk=wf.pk).state == State.SUBMITTED

    finding = ScanFinding.objects.get(severity="high")
    client.post(
        f"/office/publishing/findings/{finding.pk}/override/",
        {"reason": "公开的示例号码", "next": "/office/publishing/review/"},
    )
    finding.refresh_from_db()
    assert finding.override_reason == "公开的示例号码"
    response = client.post(f"/office/publishing/{wf.pk}/pass/", {f"wf{wf.pk}-note": "已核对"})
    assert response.status_code == 302
    assert Workflow.objects.get(pk=wf.pk).state == State.APPROVAL


def test_return_needs_a_reason_beside_the_field(staff_client, content, people):
    wf = services.start_workflow(actor=people["drafter"], obj=content)
    services.submit(actor=people["drafter"], workflow=wf)
    client = staff_client(people["reviewer"])
    response = client.post(f"/office/publishing/{wf.pk}/return/", {f"wf{wf.pk}-reason": ""})
    assert response.status_code == 422
    assert "请填写退回理由。" in response.content.decode()
    response = client.post(f"/office/publishing/{wf.pk}/return/", {f"wf{wf.pk}-reason": "请删除身份证号"})
    assert response.status_code == 302
    page = staff_client(people["drafter"]).get("/office/publishing/drafts/").content.decode()
    assert "退回理由：" in page and "请删除身份证号" in page


def test_approver_schedules_with_a_datetime_and_errors_keep_what_was_typed(staff_client, content, people):
    wf = services.start_workflow(actor=people["drafter"], obj=content)
    services.submit(actor=people["drafter"], workflow=wf)
    services.pass_review(actor=people["reviewer"], workflow=wf)
    client = staff_client(people["approver"])
    page = client.get("/office/publishing/approvals/").content.decode()
    assert "批准发布" in page and "定时发布" in page
    p = f"wf{wf.pk}"
    response = client.post(
        f"/office/publishing/{wf.pk}/approve/", {f"{p}-mode": "schedule", f"{p}-publish_at": ""}
    )
    assert response.status_code == 422 and "定时发布须填写发布时间。" in response.content.decode()
    response = client.post(
        f"/office/publishing/{wf.pk}/approve/", {f"{p}-mode": "schedule", f"{p}-publish_at": "明天上午"}
    )
    assert response.status_code == 422 and "请输入正确的日期和时间" in response.content.decode()
    assert 'value="明天上午"' in response.content.decode()
    when = timezone.localtime(timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    response = client.post(
        f"/office/publishing/{wf.pk}/approve/",
        {f"{p}-mode": "schedule", f"{p}-publish_at": when.strftime("%Y-%m-%dT%H:%M")},
    )
    assert response.status_code == 302
    wf.refresh_from_db()
    assert (wf.state, wf.publish_at) == (State.SCHEDULED, when)
    assert "2024年统计公报" in client.get("/office/publishing/scheduled/").content.decode()


def test_approve_now_then_withdraw_with_a_required_reason(staff_client, content, people):
    wf = services.start_workflow(actor=people["drafter"], obj=content)
    services.submit(actor=people["drafter"], workflow=wf)
    services.pass_review(actor=people["reviewer"], workflow=wf)
    client = staff_client(people["approver"])
    assert client.post(f"/office/publishing/{wf.pk}/approve/", {f"wf{wf.pk}-mode": "now"}).status_code == 302
    assert Workflow.objects.get(pk=wf.pk).state == State.PUBLISHED
    office = staff_client(people["office"])
    page = office.get(f"/office/publishing/{wf.pk}/withdraw/").content.decode()
    assert "撤回理由（将向公众公开）" in page
    response = office.post(f"/office/publishing/{wf.pk}/withdraw/", {f"wf{wf.pk}-reason": ""})
    assert response.status_code == 422 and "请填写撤回理由，该理由将向公众公开。" in response.content.decode()
    response = office.post(f"/office/publishing/{wf.pk}/withdraw/", {f"wf{wf.pk}-reason": "数据更正"})
    assert response.status_code == 302
    page = office.get(f"/office/publishing/{wf.pk}/").content.decode()
    for text in ("已撤回", "数据更正", "创建草稿", "提交审查", "保密审查通过", "批准发布", "撤回"):
        assert text in page, text


def test_actions_send_get_to_the_workflow_page_and_refuse_wrong_roles(staff_client, content, people):
    wf = services.start_workflow(actor=people["drafter"], obj=content)
    services.submit(actor=people["drafter"], workflow=wf)
    for person, action in (
        ("drafter", "submit"),
        ("reviewer", "pass"),
        ("reviewer", "return"),
        ("approver", "approve"),
    ):
        # issue 11.10: a GET on an action URL lands on the workflow page, never on a blank 405
        response = staff_client(people[person]).get(f"/office/publishing/{wf.pk}/{action}/")
        assert (response.status_code, response["Location"]) == (302, f"/office/publishing/{wf.pk}/"), action
    assert staff_client(people["drafter"]).post(f"/office/publishing/{wf.pk}/pass/").status_code == 403
    assert (
        staff_client(people["approver"])
        .post(f"/office/publishing/{wf.pk}/return/", {f"wf{wf.pk}-reason": "x"})
        .status_code
        == 403
    )
    assert Workflow.objects.get(pk=wf.pk).state == State.SUBMITTED


def test_other_agency_gets_404(staff_client, content, people, other_agency):
    wf = services.start_workflow(actor=people["drafter"], obj=content)
    stranger = UserFactory(
        agency=other_agency,
        department=DepartmentFactory(agency=other_agency),
        roles=[Role.DRAFTER, Role.OPENNESS_OFFICE],
    )
    client = staff_client(stranger)
    assert client.get(f"/office/publishing/{wf.pk}/").status_code == 404
    assert client.post(f"/office/publishing/{wf.pk}/submit/").status_code == 404
    assert Workflow.objects.get(pk=wf.pk).state == State.DRAFT


def test_csrf_is_enforced(content, people):
    from django.test import Client

    wf = services.start_workflow(actor=people["drafter"], obj=content)
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["drafter"])
    assert client.post(f"/office/publishing/{wf.pk}/submit/").status_code == 403
    assert Workflow.objects.get(pk=wf.pk).state == State.DRAFT


def test_work_panel_shows_what_waits_per_role(content, people):
    wf = services.start_workflow(actor=people["drafter"], obj=content)
    services.submit(actor=people["drafter"], workflow=wf)

    def items(user):
        return [
            (label, note)
            for panel in panels_for(user)
            if panel.title == "发布审核"
            for label, _url, note in panel.items
        ]

    assert ("待保密审查", "1 件") in items(people["reviewer"])
    assert ("待领导审批", "0 件") in items(people["approver"])
    assert ("我的草稿", "0 件") in items(people["drafter"])
    assert ("我提交的（审查/审批中）", "1 件") in items(people["drafter"])
    assert items(people["supervisor"]) == []


def test_office_navigation_has_the_section(staff_client, people):
    page = staff_client(people["drafter"]).get("/office/publishing/drafts/").content.decode()
    assert '<a href="/office/publishing/" aria-current="page">发布审核</a>' in page


def _refused_review(staff_client, content, people):
    """A 审查通过 refused because of a high finding: the page shown at the action URL."""
    content.duties = f"身份证号 {VALID_ID}"
    content.save()
    wf = services.start_workflow(actor=people["drafter"], obj=content)
    services.submit(actor=people["drafter"], workflow=wf)
    client = staff_client(people["reviewer"])
    response = client.post(
        f"/office/publishing/{wf.pk}/pass/", {f"wf{wf.pk}-note": "", "next": "/office/publishing/review/"}
    )
    assert response.status_code == 422
    return wf, client, response.content.decode()


def test_after_a_refused_review_the_forms_lead_back_to_the_workflow_page(staff_client, content, people):
    """Issue 11.10: the 确认忽略 and 退回修改 forms on the refusal page return to the workflow page."""
    wf, client, page = _refused_review(staff_client, content, people)
    detail = f"/office/publishing/{wf.pk}/"
    # 审查通过, 退回修改 and 确认忽略 all return to the workflow page
    assert page.count(f'name="next" value="{detail}"') == 3
    finding = ScanFinding.objects.get(severity="high")
    response = client.post(
        f"/office/publishing/findings/{finding.pk}/override/", {"reason": "公开的示例号码", "next": detail}
    )
    assert (response.status_code, response["Location"]) == (302, detail)
    followed = client.get(response["Location"])
    assert followed.status_code == 200 and "已确认忽略该问题，理由已记录。" in followed.content.decode()


def test_after_a_refused_review_return_to_draft_lands_on_the_workflow_page(staff_client, content, people):
    wf, client, page = _refused_review(staff_client, content, people)
    detail = f"/office/publishing/{wf.pk}/"
    response = client.post(
        f"/office/publishing/{wf.pk}/return/", {f"wf{wf.pk}-reason": "请删除身份证号", "next": detail}
    )
    assert (response.status_code, response["Location"]) == (302, detail)
    assert Workflow.objects.get(pk=wf.pk).state == State.DRAFT
    assert client.get(detail).status_code == 200


def test_after_a_refused_approval_the_forms_lead_back_to_the_workflow_page(staff_client, content, people):
    """Issue 11.10, 批准发布 refused by a new finding of the approval-stage scan."""
    wf = services.start_workflow(actor=people["drafter"], obj=content)
    services.submit(actor=people["drafter"], workflow=wf)
    services.pass_review(actor=people["reviewer"], workflow=wf)
    content.duties = f"身份证号 {VALID_ID}"
    content.save()
    client = staff_client(people["approver"])
    response = client.post(f"/office/publishing/{wf.pk}/approve/", {f"wf{wf.pk}-mode": "now"})
    assert response.status_code == 422
    page = response.content.decode()
    assert "新的高风险问题" in page and "确认忽略" in page and "退回修改" in page
    assert f'name="next" value="/office/publishing/{wf.pk}/"' in page
    assert Workflow.objects.get(pk=wf.pk).state == State.APPROVAL
    # A reload of the refused action's URL (a GET) shows the workflow, not a blank 405.
    response = client.get(f"/office/publishing/{wf.pk}/approve/")
    assert (response.status_code, response["Location"]) == (302, f"/office/publishing/{wf.pk}/")


def test_a_get_on_the_override_url_shows_the_workflow(staff_client, content, people):
    wf, client, _page = _refused_review(staff_client, content, people)
    finding = ScanFinding.objects.get(severity="high")
    response = client.get(f"/office/publishing/findings/{finding.pk}/override/")
    assert (response.status_code, response["Location"]) == (302, f"/office/publishing/{wf.pk}/")
    finding.refresh_from_db()
    assert finding.overridden_at is None
