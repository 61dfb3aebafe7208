"""三同步 waivers (国办发〔2016〕80号; issue 11 item 11): a waiver lifts the synchronous release only — the
interpretation is still due within 3 working days of the policy (local rule), and the refusal that
asks for a waiver links to the waiver page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.services import issue_api_token
from gongkai.core.work_panels import panels_for
from gongkai.interpretations import deadlines, selectors, services
from gongkai.interpretations.checks import InterpretationNotSynchronised
from gongkai.publishing import services as publishing
from gongkai.publishing.models import Workflow

pytestmark = pytest.mark.django_db


def _published_with_waiver(policy, *, drafter, to_approval, approver, days_ago=0):
    revision = policy.revisions.get()
    workflow = to_approval(revision, author=drafter)
    services.waive(actor=approver, revision=revision, reason="政策急需发布，解读随后补充")
    publishing.approve(actor=approver, workflow=workflow)
    if days_ago:
        when = timezone.now() - timedelta(days=days_ago)
        Workflow.objects.filter(pk=workflow.pk).update(published_at=when)
        revision.__class__.objects.filter(pk=revision.pk).update(published_at=when)
        policy.__class__.objects.filter(pk=policy.pk).update(first_published_at=when)
    return revision


def test_a_waived_policy_keeps_its_three_working_day_deadline(
    make_policy, drafter, to_approval, approver, agency
):
    policy = make_policy(title="登记不同步解读的文件")
    _published_with_waiver(policy, drafter=drafter, to_approval=to_approval, approver=approver)
    (row,) = selectors.coverage(agency)
    assert row.category == "waived"
    assert row.due_on == deadlines.due_on_for(timezone.localdate())  # 3 working days, not None
    assert row.waiver.reason == "政策急需发布，解读随后补充"


def test_an_overdue_waived_policy_is_on_the_panels_and_the_coverage_page(
    make_policy, drafter, to_approval, approver, agency, staff_client
):
    policy = make_policy(title="逾期的登记不同步文件")
    _published_with_waiver(policy, drafter=drafter, to_approval=to_approval, approver=approver, days_ago=20)
    today = timezone.localdate()
    rows = selectors.coverage(agency)
    assert [r.title for r in selectors.overdue(rows, today=today)] == ["逾期的登记不同步文件"]
    due = rows[0].due_on
    assert due == deadlines.due_on_for(today - timedelta(days=20))
    panel_items = [item for panel in panels_for(drafter) if panel.title == "政策解读" for item in panel.items]
    assert (
        "逾期未解读：逾期的登记不同步文件（已登记不同步解读）",
        reverse("interpretations_office:coverage"),
        f"应于 {due:%Y-%m-%d} 前",
    ) in panel_items
    page = staff_client(drafter).get(reverse("interpretations_office:coverage")).content.decode()
    assert "已逾期未解读（1）" in page and f"应于 {due:%Y-%m-%d} 前" in page


def test_a_waived_policy_due_within_a_working_day_is_due_soon(
    make_policy, drafter, to_approval, approver, agency, settings
):
    settings.GONGKAI_INTERPRETATION_DEADLINE_DAYS = 1
    policy = make_policy(title="明天到期的文件")
    _published_with_waiver(policy, drafter=drafter, to_approval=to_approval, approver=approver)
    rows = selectors.coverage(agency)
    assert [r.title for r in selectors.due_soon(rows, today=timezone.localdate())] == ["明天到期的文件"]


def test_an_interpretation_after_the_waiver_ends_the_wait(
    make_policy, make_interpretation, drafter, to_approval, approver, publish, agency
):
    policy = make_policy()
    _published_with_waiver(policy, drafter=drafter, to_approval=to_approval, approver=approver, days_ago=20)
    publish(make_interpretation(policy), author=drafter)
    rows = selectors.coverage(agency)
    assert rows[0].category == "late" and selectors.overdue(rows, today=timezone.localdate()) == []


def test_the_refusal_names_the_rule_and_links_to_the_waiver_page(make_policy, drafter, to_approval, approver):
    policy = make_policy()
    revision = policy.revisions.get()
    workflow = to_approval(revision, author=drafter)
    waiver_url = f"/office/interpretations/waive/{revision.pk}/"
    with pytest.raises(InterpretationNotSynchronised) as refused:
        publishing.approve(actor=approver, workflow=workflow)
    assert "三同步" in refused.value.message and "国办发〔2016〕80号" in refused.value.message
    assert f"登记页面：{waiver_url}" in refused.value.message
    assert "3 个工作日内" in refused.value.message
    assert refused.value.link == (waiver_url, "登记不同步解读")


def test_the_office_refusal_shows_a_link_to_the_waiver_page(
    make_policy, drafter, to_approval, approver, staff_client
):
    policy = make_policy()
    revision = policy.revisions.get()
    workflow = to_approval(revision, author=drafter)
    client = staff_client(approver)
    response = client.post(f"/office/publishing/{workflow.pk}/approve/", {f"wf{workflow.pk}-mode": "now"})
    assert response.status_code == 422
    page = response.content.decode()
    assert f'<a href="/office/interpretations/waive/{revision.pk}/">登记不同步解读</a>' in page
    assert Workflow.objects.get(pk=workflow.pk).state == "approval"
    assert client.get(f"/office/interpretations/waive/{revision.pk}/").status_code == 200


def test_the_api_refusal_carries_the_waiver_page(make_policy, drafter, to_approval, approver, client):
    policy = make_policy()
    revision = policy.revisions.get()
    workflow = to_approval(revision, author=drafter)
    token = issue_api_token(actor=approver, label="测试")[1]
    response = client.post(
        f"/api/v1/workflows/{workflow.pk}/approve",
        {},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 422 and response["Content-Type"] == "application/problem+json"
    assert f"/office/interpretations/waive/{revision.pk}/" in response.json()["title"]
    assert Workflow.objects.get(pk=workflow.pk).state == "approval"
