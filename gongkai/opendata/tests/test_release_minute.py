"""A data release goes public at its announced minute and at no other (统计法实施条例 Art. 28; issue 11
item 12, issue 12 item 11): approval before the minute is "已批准，待发布 (minute)" — in the office, the
workflow and the API — never 已发布 before it; a moved minute goes back through approval; the public
calendar never shows a minute at which the release will not publish."""

from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.utils import timezone

from gongkai.accounts.services import issue_api_token
from gongkai.core.errors import ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.opendata import selectors, services
from gongkai.publishing import services as publishing
from gongkai.publishing.models import Workflow
from gongkai.publishing.selectors import workflow_for
from gongkai.publishing.states import State

from .conftest import BASE_CELLS, small_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_approval(agency, drafter, reviewer):
    """A confirmed release two hours ahead, reviewed and waiting for the approver."""
    at = (timezone.now() + timedelta(hours=2)).replace(second=0, microsecond=0)
    release = services.create_release(
        actor=drafter,
        title="2026年11月居民消费价格",
        scheduled_at=at,
        confirmed=True,
        press_release="11月份居民消费价格同比上涨。",
        department=drafter.department,
    )
    services.write_parsed([small_dataset(BASE_CELLS)], actor=drafter, release=release)
    workflow = publishing.start_workflow(actor=drafter, obj=release)
    publishing.submit(actor=drafter, workflow=workflow)
    publishing.pass_review(actor=reviewer, workflow=workflow)
    return release, workflow, at


def _minute(at) -> str:
    return f"{timezone.localtime(at):%Y-%m-%d %H:%M}"


def test_art28_approval_before_the_minute_waits_for_the_minute(
    in_approval, approver, office_user, staff_client
):
    release, workflow, at = in_approval
    publishing.approve(actor=approver, workflow=workflow)  # "批准发布" without a time
    workflow.refresh_from_db()
    assert (workflow.state, workflow.publish_at) == (State.SCHEDULED, at)
    assert workflow.state_label == f"已批准，待发布（{_minute(at)}）"
    assert not selectors.released_releases().filter(pk=release.pk).exists()
    client = staff_client(office_user)
    office = client.get(f"/office/data/releases/{release.pk}/").content.decode()
    assert f"已批准，待发布（{_minute(at)}）" in office and "已发布" not in office
    detail = client.get(f"/office/publishing/{workflow.pk}/").content.decode()
    assert f"已批准，待发布（{_minute(at)}）" in detail
    with mock.patch("django.utils.timezone.now", return_value=at):  # the minute: public, nobody acting
        assert selectors.released_releases().filter(pk=release.pk).exists()
        assert Workflow.objects.get(pk=workflow.pk).state_label == "已发布"


def test_art28_approval_for_another_minute_is_refused_and_nothing_changes(in_approval, approver):
    release, workflow, at = in_approval
    with pytest.raises(ValidationFailed) as refused:
        publishing.approve(actor=approver, workflow=workflow, publish_at=at + timedelta(hours=1))
    assert "第二十八条" in refused.value.message and _minute(at) in refused.value.message
    assert refused.value.field == "publish_at"
    workflow.refresh_from_db()
    assert (workflow.state, workflow.publish_at, workflow.approver_id) == (State.APPROVAL, None, None)


def test_issue12_the_api_reports_an_embargoed_approval_as_approved_until_the_minute(
    in_approval, approver, client
):
    release, workflow, at = in_approval
    token = issue_api_token(actor=approver, label="测试")[1]
    response = client.post(
        f"/api/v1/workflows/{workflow.pk}/approve",
        {},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["state"] == "scheduled"
    assert body["state_label"] == f"已批准，待发布（{_minute(at)}）"
    assert body["published_at"] is None
    assert datetime.fromisoformat(body["publish_at"].replace("Z", "+00:00")) == at
    refused = client.post(
        f"/api/v1/workflows/{workflow.pk}/approve",
        {"publish_at": (at + timedelta(days=1)).isoformat()},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert refused.status_code == 409  # already approved: the second approval is an invalid transition


def test_issue12_the_api_refuses_another_minute_with_problem_json(in_approval, approver, client):
    release, workflow, at = in_approval
    token = issue_api_token(actor=approver, label="测试")[1]
    response = client.post(
        f"/api/v1/workflows/{workflow.pk}/approve",
        {"publish_at": (at + timedelta(days=1)).isoformat()},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 422 and response["Content-Type"] == "application/problem+json"
    assert "第二十八条" in response.json()["title"]
    assert Workflow.objects.get(pk=workflow.pk).state == State.APPROVAL


def test_a_moved_minute_goes_back_through_approval(in_approval, approver, drafter, client):
    release, workflow, at = in_approval
    publishing.approve(actor=approver, workflow=workflow)
    later = at + timedelta(days=1)
    services.reschedule_release(
        actor=drafter, release=release, scheduled_at=later, note="数据核查，推迟一天。"
    )
    workflow.refresh_from_db()
    assert workflow.state == State.APPROVAL
    assert (workflow.publish_at, workflow.approver_id, workflow.published_at) == (None, None, None)
    event = workflow.events.get(verb="reopen_approval")
    assert event.note == f"发布时间由 {_minute(at)} 调整为 {_minute(later)}，须重新审批：数据核查，推迟一天。"
    assert AuditEvent.objects.filter(verb="publishing.approval_reopened", actor=drafter).count() == 1
    # Neither the old minute nor the new one publishes it without a new approval.
    for moment in (at, later):
        with mock.patch("django.utils.timezone.now", return_value=moment):
            assert not selectors.released_releases().filter(pk=release.pk).exists()
    calendar = client.get(f"/sjfb/calendar/?year={timezone.localtime(later).year}").content.decode()
    assert _minute(later) in calendar and "已确定" in calendar
    publishing.approve(actor=approver, workflow=workflow)
    workflow.refresh_from_db()
    assert (workflow.state, workflow.publish_at) == (State.SCHEDULED, later)


def test_a_minute_moved_before_approval_needs_no_extra_step(in_approval, drafter, approver):
    release, workflow, at = in_approval
    later = at + timedelta(hours=3)
    services.reschedule_release(actor=drafter, release=release, scheduled_at=later, note="改为下午发布。")
    assert Workflow.objects.get(pk=workflow.pk).state == State.APPROVAL
    publishing.approve(actor=approver, workflow=workflow)
    assert Workflow.objects.get(pk=workflow.pk).publish_at == later


def test_a_minute_cannot_be_moved_into_the_past(in_approval, drafter):
    release, _workflow, at = in_approval
    with pytest.raises(ValidationFailed, match="须晚于现在"):
        services.reschedule_release(
            actor=drafter, release=release, scheduled_at=timezone.now() - timedelta(hours=1), note="提前"
        )
    release.refresh_from_db()
    assert release.scheduled_at == at and not release.date_changes.exists()


def test_the_calendar_never_shows_a_passed_minute_of_an_unpublished_release(in_approval, client, drafter):
    release, workflow, at = in_approval
    year = timezone.localtime(at).year
    with mock.patch("django.utils.timezone.now", return_value=at + timedelta(minutes=5)):
        page = client.get(f"/sjfb/calendar/?year={year}").content.decode()
        assert f"<del>{_minute(at)}</del>" in page
        assert "未按原定时间发布，发布时间另行公布" in page
        # Not public, so the delay can still be announced with a new minute.
        services.reschedule_release(
            actor=drafter, release=release, scheduled_at=at + timedelta(days=1), note="审批延误，改期发布。"
        )
    assert release.date_changes.count() == 1


def test_the_office_refusal_on_the_release_page_keeps_nothing_changed(in_approval, drafter, staff_client):
    release, _workflow, at = in_approval
    response = staff_client(drafter).post(
        f"/office/data/releases/{release.pk}/",
        {"action": "reschedule", "scheduled_at": "2001-01-01T09:30", "note": "测试"},
    )
    assert response.status_code == 422 and "调整后的发布时间须晚于现在。" in response.content.decode()
    release.refresh_from_db()
    assert release.scheduled_at == at
    assert workflow_for(release).state == State.APPROVAL
