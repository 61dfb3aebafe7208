from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.accounts.guard import SYSTEM
from gongkai.accounts.roles import Role
from gongkai.confidentiality import services as confidentiality_services
from gongkai.confidentiality.models import ScanReport
from gongkai.core.errors import Conflict, InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.publishing import hooks, selectors, services
from gongkai.publishing.models import Workflow, WorkflowEvent
from gongkai.publishing.states import State

from .conftest import BAD_CHECKSUM_ID, VALID_ID


def _to_approval(content, people):
    wf = services.start_workflow(actor=people["drafter"], obj=content)
    services.submit(actor=people["drafter"], workflow=wf)
    services.pass_review(actor=people["reviewer"], workflow=wf)
    return wf


def _published(content, people):
    wf = _to_approval(content, people)
    services.approve(actor=people["approver"], workflow=wf)
    return wf


def test_the_whole_path_writes_an_event_and_an_audit_row_per_transition(content, people, adapter):
    wf = _published(content, people)
    wf.refresh_from_db()
    assert wf.state == State.PUBLISHED
    assert (wf.author, wf.reviewer, wf.approver) == (
        people["drafter"],
        people["reviewer"],
        people["approver"],
    )
    assert wf.department == content
    assert wf.title == "2024年统计公报"
    assert list(selectors.events(wf).values_list("verb", "from_state", "to_state")) == [
        ("start", "", "draft"),
        ("submit", "draft", "submitted"),
        ("pass_review", "submitted", "approval"),
        ("approve", "approval", "published"),
    ]
    verbs = list(
        AuditEvent.objects.filter(object_type="publishing.workflow", object_id=str(wf.pk))
        .order_by("id")
        .values_list("verb", flat=True)
    )
    assert verbs == [
        "publishing.started",
        "publishing.submitted",
        "publishing.review_passed",
        "publishing.approved",
    ]
    assert adapter.calls == [("published", content.pk, people["approver"], wf.published_at)]
    assert ScanReport.objects.filter(stage="submission").count() == 1
    assert ScanReport.objects.filter(stage="approval").count() == 1


def test_one_open_workflow_per_object_is_a_database_constraint(content, people):
    wf = services.start_workflow(actor=people["drafter"], obj=content)
    with pytest.raises(IntegrityError), transaction.atomic():
        Workflow.objects.create(
            agency=wf.agency,
            content_type=wf.content_type,
            object_id=wf.object_id,
            author=people["office"],
            state=State.SCHEDULED,
        )
    with pytest.raises(Conflict):
        services.start_workflow(actor=people["office"], obj=content)
    assert Workflow.objects.count() == 1


@pytest.mark.parametrize("final", [State.PUBLISHED, State.WITHDRAWN, State.SUPERSEDED])
def test_a_new_workflow_is_allowed_once_the_old_one_is_closed(content, people, final):
    wf = services.start_workflow(actor=people["drafter"], obj=content)
    Workflow.objects.filter(pk=wf.pk).update(state=final, withdrawal_reason="理由")
    Workflow.objects.create(
        agency=wf.agency,
        content_type=wf.content_type,
        object_id=wf.object_id,
        author=people["drafter"],
        state=State.DRAFT,
    )
    assert Workflow.objects.filter(object_id=content.pk).count() == 2


def test_published_content_cannot_be_published_again_but_after_withdrawal_it_can(content, people):
    wf = _published(content, people)
    with pytest.raises(Conflict, match="请创建新版本"):
        services.start_workflow(actor=people["drafter"], obj=content)
    services.withdraw(actor=people["office"], workflow=wf, reason="数据有误")
    assert services.start_workflow(actor=people["drafter"], obj=content).state == State.DRAFT


def test_the_reviewer_is_never_the_author(content, people, make_user):
    author = make_user(Role.DRAFTER, Role.CONFIDENTIALITY_REVIEWER, Role.APPROVER, department=content)
    wf = services.start_workflow(actor=author, obj=content)
    services.submit(actor=author, workflow=wf)
    with pytest.raises(PermissionDenied, match="保密审查不能由承办人本人进行"):
        services.pass_review(actor=author, workflow=wf)
    assert Workflow.objects.get(pk=wf.pk).state == State.SUBMITTED
    assert selectors.review_queue(author).count() == 0  # their own work is not in their queue
    services.pass_review(actor=people["reviewer"], workflow=wf)
    with pytest.raises(PermissionDenied, match="审批不能由承办人本人进行"):
        services.approve(actor=author, workflow=wf)
    assert Workflow.objects.get(pk=wf.pk).state == State.APPROVAL


def test_a_high_finding_blocks_review_until_overridden_with_a_reason(content, people):
    content.duties = f"联系人身份证号 {VALID_ID}。"
    content.save()
    wf = services.start_workflow(actor=people["drafter"], obj=content)
    services.submit(actor=people["drafter"], workflow=wf)
    with pytest.raises(ValidationFailed, match="1 项高风险问题"):
        services.pass_review(actor=people["reviewer"], workflow=wf)
    assert Workflow.objects.get(pk=wf.pk).state == State.SUBMITTED

    report = ScanReport.objects.get(stage="submission")
    finding = report.findings.get(severity="high")
    assert finding.kind == "resident_id"
    with pytest.raises(ValidationFailed):
        confidentiality_services.override_finding(actor=people["reviewer"], finding=finding, reason=" ")
    confidentiality_services.override_finding(
        actor=people["reviewer"], finding=finding, reason="公开的示例号码"
    )
    services.pass_review(actor=people["reviewer"], workflow=wf, note="已核对")

    # At approval the scan runs again; the same finding keeps its override, so approval goes through.
    services.approve(actor=people["approver"], workflow=wf)
    assert Workflow.objects.get(pk=wf.pk).state == State.PUBLISHED
    assert AuditEvent.objects.filter(verb="confidentiality.finding_overridden").count() == 1


def test_a_checksum_failing_18_digit_number_does_not_block(content, people):
    content.duties = f"统计编号 {BAD_CHECKSUM_ID}。"
    content.save()
    wf = _published(content, people)
    assert wf.state == State.PUBLISHED


def test_a_new_high_finding_at_approval_blocks_until_the_approver_overrides_it(content, people):
    wf = _to_approval(content, people)
    content.duties = f"后来加入的身份证号 {VALID_ID}。"  # changed after review (e.g. an attachment swapped)
    content.save()
    with pytest.raises(ValidationFailed, match="新的高风险问题"):
        services.approve(actor=people["approver"], workflow=wf)
    assert Workflow.objects.get(pk=wf.pk).state == State.APPROVAL
    report = ScanReport.objects.get(stage="approval")  # kept, so the approver sees the finding
    confidentiality_services.override_finding(
        actor=people["approver"], finding=report.findings.get(severity="high"), reason="经核实为虚构示例"
    )
    services.approve(actor=people["approver"], workflow=wf)
    assert Workflow.objects.get(pk=wf.pk).state == State.PUBLISHED


def test_return_to_draft_needs_a_reason_and_goes_back_to_the_author(content, people):
    wf = services.start_workflow(actor=people["drafter"], obj=content)
    services.submit(actor=people["drafter"], workflow=wf)
    with pytest.raises(ValidationFailed, match="请填写退回理由"):
        services.return_to_draft(actor=people["reviewer"], workflow=wf, reason="  ")
    services.return_to_draft(actor=people["reviewer"], workflow=wf, reason="附件含个人信息")
    assert wf.state == State.DRAFT
    assert list(selectors.my_drafts(people["drafter"])) == [wf]
    assert wf.events.last().note == "附件含个人信息"
    services.submit(actor=people["drafter"], workflow=wf)
    services.pass_review(actor=people["reviewer"], workflow=wf)
    with pytest.raises(PermissionDenied):  # from 待领导审批 only the approver returns it
        services.return_to_draft(actor=people["reviewer"], workflow=wf, reason="再看看")
    services.return_to_draft(actor=people["approver"], workflow=wf, reason="标题不规范")
    assert Workflow.objects.get(pk=wf.pk).state == State.DRAFT
    assert AuditEvent.objects.filter(verb="publishing.returned").count() == 2


def test_scheduling_and_publish_due(content, people, adapter):
    wf = _to_approval(content, people)
    at = timezone.now() + timedelta(hours=2)
    services.approve(actor=people["approver"], workflow=wf, publish_at=at)
    assert (wf.state, wf.publish_at, wf.published_at) == (State.SCHEDULED, at, at)
    assert adapter.calls == []
    assert not selectors.is_public(content)  # read-time filter: not yet
    assert selectors.is_public(content, now=at)  # at its minute it is visible, job or not
    assert services.publish_due(at - timedelta(seconds=1)) == 0
    assert services.publish_due(at) == 1
    assert services.publish_due(at + timedelta(minutes=1)) == 0  # idempotent
    wf.refresh_from_db()
    assert (wf.state, wf.published_at) == (State.PUBLISHED, at)
    assert adapter.calls == [("published", content.pk, SYSTEM, at)]
    event = wf.events.last()
    assert (event.verb, event.actor, event.at) == ("publish_due", None, at)
    audit_row = AuditEvent.objects.filter(verb="publishing.published").get()
    assert audit_row.actor is None and audit_row.actor_label == "系统"


def test_publish_due_is_registered_as_a_periodic_job(content, people):
    from gongkai.core import jobs

    job = {j.name: j for j in jobs.registered()}["publishing.publish_due"]
    assert job.every == timedelta(minutes=1)
    wf = _to_approval(content, people)
    services.approve(actor=people["approver"], workflow=wf, publish_at=timezone.now() + timedelta(minutes=5))
    assert job.func(timezone.now() + timedelta(minutes=6)) == 1


def test_a_past_publish_at_publishes_now_and_a_naive_one_is_refused(content, people):
    from datetime import datetime

    wf = _to_approval(content, people)
    with pytest.raises(ValidationFailed, match="时区"):
        services.approve(actor=people["approver"], workflow=wf, publish_at=datetime(2999, 1, 1, 9, 0))
    services.approve(actor=people["approver"], workflow=wf, publish_at=timezone.now() - timedelta(days=1))
    assert wf.state == State.PUBLISHED


def test_check_publishable_refuses_approval(content, people, adapter):
    wf = _to_approval(content, people)
    adapter.refuse = ValidationFailed("该政策须同步发布解读。")
    with pytest.raises(ValidationFailed, match="同步发布解读"):
        services.approve(actor=people["approver"], workflow=wf)
    assert Workflow.objects.get(pk=wf.pk).state == State.APPROVAL
    assert adapter.calls == []


def test_withdrawal_needs_a_public_reason(content, people, adapter):
    wf = _published(content, people)
    with pytest.raises(ValidationFailed, match="请填写撤回理由"):
        services.withdraw(actor=people["office"], workflow=wf, reason="")
    assert Workflow.objects.get(pk=wf.pk).state == State.PUBLISHED
    services.withdraw(actor=people["approver"], workflow=wf, reason="统计口径调整，数据将更正后重新发布")
    assert wf.state == State.WITHDRAWN
    assert selectors.withdrawn_workflow_for(content).withdrawal_reason == "统计口径调整，数据将更正后重新发布"
    assert not selectors.is_public(content)
    assert adapter.calls[-1] == (
        "withdrawn",
        content.pk,
        people["approver"],
        "统计口径调整，数据将更正后重新发布",
    )
    with pytest.raises(InvalidTransition):
        services.withdraw(actor=people["office"], workflow=wf, reason="再次")


def test_a_withdrawn_workflow_without_reason_is_refused_by_the_database(content, people):
    wf = services.start_workflow(actor=people["drafter"], obj=content)
    with pytest.raises(IntegrityError), transaction.atomic():
        Workflow.objects.filter(pk=wf.pk).update(state=State.WITHDRAWN)


def test_supersede(content, people, adapter):
    wf = _published(content, people)
    services.supersede(actor=SYSTEM, workflow=wf)
    assert wf.state == State.SUPERSEDED
    assert adapter.calls[-1] == ("superseded", content.pk, SYSTEM)
    assert AuditEvent.objects.filter(verb="publishing.superseded").count() == 1


def test_after_commit_hooks_fire_only_when_committed(content, people, django_capture_on_commit_callbacks):
    seen = []

    def on_published(workflow):
        seen.append(("published", workflow.pk))

    def on_any(workflow):
        seen.append(("any", workflow.state))

    hooks.on_published_committed(on_published)
    hooks.on_transition_committed(on_any)
    try:
        wf = _to_approval(content, people)
        seen.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.approve(actor=people["approver"], workflow=wf)
        assert seen == [("published", wf.pk), ("any", State.PUBLISHED)]
        seen.clear()
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationFailed):
            services.withdraw(actor=people["office"], workflow=wf, reason="")
        assert seen == []
    finally:
        hooks.unregister(on_published)
        hooks.unregister(on_any)


def test_a_failing_hook_is_logged_not_raised(content, people, django_capture_on_commit_callbacks, caplog):
    def broken(workflow):
        raise RuntimeError("search is down")

    hooks.on_published_committed(broken)
    try:
        wf = _to_approval(content, people)
        with django_capture_on_commit_callbacks(execute=True):
            services.approve(actor=people["approver"], workflow=wf)
    finally:
        hooks.unregister(broken)
    assert Workflow.objects.get(pk=wf.pk).state == State.PUBLISHED
    assert "publishing hook" in caplog.text


def test_events_are_written_in_the_same_transaction(content, people, monkeypatch):
    wf = services.start_workflow(actor=people["drafter"], obj=content)
    from gongkai.core import audit

    def fail(**kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(audit, "record", fail)
    with pytest.raises(RuntimeError):
        services.submit(actor=people["drafter"], workflow=wf)
    assert Workflow.objects.get(pk=wf.pk).state == State.DRAFT
    assert WorkflowEvent.objects.filter(workflow=wf).count() == 1


def test_reopen_approval_returns_a_scheduled_workflow_to_the_approver(content, people, adapter):
    """Issue 11.12: what was approved for a minute changed before it; the approval lapses."""
    wf = _to_approval(content, people)
    at = timezone.now() + timedelta(hours=2)
    services.approve(actor=people["approver"], workflow=wf, publish_at=at)
    with pytest.raises(ValidationFailed, match="请填写重新审批的理由"):
        services.reopen_approval(actor=people["drafter"], workflow=wf, reason=" ")
    with pytest.raises(PermissionDenied):
        services.reopen_approval(actor=people["supervisor"], workflow=wf, reason="改期")
    assert Workflow.objects.get(pk=wf.pk).state == State.SCHEDULED
    services.reopen_approval(actor=people["drafter"], workflow=wf, reason="发布时间调整")
    wf.refresh_from_db()
    assert (wf.state, wf.publish_at, wf.published_at, wf.approver_id) == (State.APPROVAL, None, None, None)
    assert not selectors.is_public(content, now=at)
    assert services.publish_due(at) == 0
    event = wf.events.last()
    assert (event.verb, event.note, event.actor) == ("reopen_approval", "发布时间调整", people["drafter"])
    assert AuditEvent.objects.filter(verb="publishing.approval_reopened").count() == 1
    with pytest.raises(InvalidTransition):  # only a scheduled workflow can be reopened
        services.reopen_approval(actor=people["drafter"], workflow=wf, reason="再次")


def test_a_scheduled_workflow_reads_as_approved_until_its_minute(content, people, adapter):
    wf = _to_approval(content, people)
    at = (timezone.now() + timedelta(hours=2)).replace(second=0, microsecond=0)
    services.approve(actor=people["approver"], workflow=wf, publish_at=at)
    assert wf.state_label == f"已批准，待发布（{timezone.localtime(at):%Y-%m-%d %H:%M}）"
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=at):
        assert wf.state_label == "已发布"


def test_an_adapter_may_fix_the_minute(content, people, adapter, monkeypatch):
    """`publish_at_for`: content with its own announced minute is scheduled for it (ADR 0019)."""
    minute = (timezone.now() + timedelta(hours=3)).replace(second=0, microsecond=0)
    monkeypatch.setattr(adapter, "publish_at_for", lambda obj, publish_at: minute, raising=False)
    wf = _to_approval(content, people)
    services.approve(actor=people["approver"], workflow=wf)
    assert (wf.state, wf.publish_at) == (State.SCHEDULED, minute)
    assert adapter.calls == []
