"""三同步: a policy marked as needing interpretation is not published alone (国办发〔2016〕80号)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.catalogue.models import RevisionStatus
from gongkai.core.errors import PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.interpretations import services
from gongkai.interpretations.models import Waiver
from gongkai.publishing import services as publishing

pytestmark = pytest.mark.django_db


def test_policy_needing_interpretation_cannot_be_approved_alone(make_policy, drafter, to_approval, approver):
    policy = make_policy()
    revision = policy.revisions.get()
    workflow = to_approval(revision, author=drafter)
    with pytest.raises(ValidationFailed) as refused:
        publishing.approve(actor=approver, workflow=workflow)
    assert "三同步" in refused.value.message
    workflow.refresh_from_db()
    revision.refresh_from_db()
    assert workflow.state == "approval"
    assert revision.status == RevisionStatus.DRAFT


def test_a_draft_interpretation_is_not_enough(
    make_policy, make_interpretation, drafter, to_approval, approver
):
    policy = make_policy()
    make_interpretation(policy)  # written but not approved
    workflow = to_approval(policy.revisions.get(), author=drafter)
    with pytest.raises(ValidationFailed):
        publishing.approve(actor=approver, workflow=workflow)


def test_policy_without_the_mark_publishes_alone(make_policy, drafter, publish):
    policy = make_policy(needs_interpretation=False)
    assert publish(policy.revisions.get(), author=drafter).state == "published"


def test_policy_publishes_with_an_interpretation_scheduled_for_the_same_minute(
    make_policy, make_interpretation, drafter, publish
):
    policy = make_policy()
    at = (timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    interpretation = make_interpretation(policy)
    assert publish(interpretation, author=drafter, publish_at=at).state == "scheduled"
    workflow = publish(policy.revisions.get(), author=drafter, publish_at=at)
    assert workflow.state == "scheduled"
    assert workflow.publish_at == at


def test_policy_publishes_now_with_an_interpretation_approved_before(
    make_policy, make_interpretation, drafter, publish
):
    policy = make_policy()
    interpretation = make_interpretation(policy, form="qa")
    publish(interpretation, author=drafter)
    assert publish(policy.revisions.get(), author=drafter).state == "published"
    interpretation.refresh_from_db()
    assert interpretation.status == "published"
    assert interpretation.timing == "with_policy"
    assert interpretation.due_on is None


def test_policy_published_now_is_refused_when_its_interpretation_comes_tomorrow(
    make_policy, make_interpretation, drafter, publish, to_approval, approver
):
    policy = make_policy()
    publish(make_interpretation(policy), author=drafter, publish_at=timezone.now() + timedelta(days=1))
    workflow = to_approval(policy.revisions.get(), author=drafter)
    with pytest.raises(ValidationFailed) as refused:
        publishing.approve(actor=approver, workflow=workflow)
    assert "三同步" in refused.value.message
    workflow.refresh_from_db()
    assert workflow.state == "approval"
    assert not workflow.events.filter(verb="approve").exists()


def test_the_check_compares_times_when_the_policy_time_is_known(
    make_policy, make_interpretation, drafter, publish
):
    from gongkai.interpretations.checks import check_synchronised_interpretation

    policy = make_policy()
    at = timezone.now() + timedelta(days=2)
    publish(make_interpretation(policy), author=drafter, publish_at=at)
    revision = policy.revisions.get()
    check_synchronised_interpretation(revision, publish_at=at)  # same minute: fine
    check_synchronised_interpretation(revision, publish_at=at + timedelta(hours=1))
    with pytest.raises(ValidationFailed):
        check_synchronised_interpretation(revision, publish_at=at - timedelta(hours=1))


def test_an_approvers_waiver_lets_the_policy_publish_and_is_audited(
    make_policy, drafter, to_approval, approver
):
    policy = make_policy()
    revision = policy.revisions.get()
    workflow = to_approval(revision, author=drafter)
    waiver = services.waive(actor=approver, revision=revision, reason="配套解读需征求省局意见，发布后补充。")
    assert waiver.decided_by == approver
    publishing.approve(actor=approver, workflow=workflow)
    workflow.refresh_from_db()
    assert workflow.state == "published"
    event = AuditEvent.objects.get(verb="interpretations.waived")
    assert event.actor_id == approver.pk
    assert "征求省局意见" in str(event.after)


def test_a_drafter_cannot_waive_and_nothing_changes(make_policy, drafter, office_user, to_approval, approver):
    policy = make_policy()
    revision = policy.revisions.get()
    workflow = to_approval(revision, author=drafter)
    audits = AuditEvent.objects.count()
    for actor in (drafter, office_user):
        with pytest.raises(PermissionDenied):
            services.waive(actor=actor, revision=revision, reason="来不及解读")
    assert Waiver.objects.count() == 0
    assert AuditEvent.objects.count() == audits
    with pytest.raises(ValidationFailed):
        publishing.approve(actor=approver, workflow=workflow)


def test_a_waiver_needs_a_reason(make_policy, approver):
    revision = make_policy().revisions.get()
    with pytest.raises(ValidationFailed) as refused:
        services.waive(actor=approver, revision=revision, reason="  ")
    assert refused.value.field == "reason"
    assert Waiver.objects.count() == 0


def test_policy_scheduled_before_its_scheduled_interpretation_is_refused(
    make_policy, make_interpretation, drafter, publish, to_approval, approver
):
    """Scheduled for 10:00 with the interpretation at 11:00: not released together (三同步)."""
    ten = (timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    publish(make_interpretation(policy := make_policy()), author=drafter, publish_at=ten + timedelta(hours=1))
    workflow = to_approval(policy.revisions.get(), author=drafter)
    with pytest.raises(ValidationFailed) as refused:
        publishing.approve(actor=approver, workflow=workflow, publish_at=ten)
    assert "三同步" in refused.value.message
    workflow.refresh_from_db()
    assert workflow.state == "approval"
