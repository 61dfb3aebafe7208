from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.accounts.roles import Role
from gongkai.core.errors import Conflict, InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.incidents import selectors, services
from gongkai.incidents.models import Incident, IncidentEvent
from gongkai.outbox.models import OutboxMessage
from gongkai.publishing import services as publishing
from gongkai.publishing.selectors import is_public, workflow_for
from gongkai.publishing.states import State


@pytest.fixture
def spokesperson(make_user):
    return make_user(Role.SPOKESPERSON, username="fayanren", full_name="刘洋", email="fayan@example.org")


@pytest.fixture
def leader(make_user):
    return make_user(Role.APPROVER, username="fenguan", full_name="王建国", email="leader@example.org")


def register(actor, *, severity="major", hours_ago=1, leader=None):
    return services.register_incident(
        actor=actor,
        title="网传我市统计数据造假",
        source="weibo",
        first_seen_at=timezone.now() - timedelta(hours=hours_ago),
        summary="微博大V称我市GDP数据造假，转发量超过一万。",
        severity=severity,
        severity_reason="涉及统计数据真实性，传播面广。",
        leader=leader,
    )


@pytest.mark.django_db
def test_register_starts_the_clocks_at_detection_and_refuses_a_future_detection(spokesperson):
    incident = register(spokesperson, hours_ago=2)
    info, conference = selectors.clock_states(incident)
    assert info.clock.due_at == incident.first_seen_at + timedelta(hours=5)
    assert info.state == "running"
    with pytest.raises(ValidationFailed) as refused:
        services.register_incident(
            actor=spokesperson,
            title="t",
            source="weibo",
            first_seen_at=timezone.now() + timedelta(hours=1),
            summary="s",
            severity="general",
            severity_reason="r",
        )
    assert refused.value.field == "first_seen_at"


@pytest.mark.django_db
def test_a_drafter_cannot_register_an_incident(make_user):
    with pytest.raises(PermissionDenied):
        register(make_user(Role.DRAFTER))


@pytest.mark.django_db
def test_the_urgent_path_publishes_with_one_approver_audited_and_meets_the_5_hour_clock(spokesperson, leader):
    incident = register(spokesperson, hours_ago=2)
    release = services.draft_release(
        actor=spokesperson, incident=incident, title="关于网传数据造假的说明", body="经核查，网传内容不实。"
    )
    workflow = workflow_for(release)
    publishing.submit(actor=spokesperson, workflow=workflow)
    with pytest.raises(PermissionDenied):
        publishing.urgent_approve(actor=spokesperson, workflow=workflow, reason="5小时时限")
    with pytest.raises(ValidationFailed):
        publishing.urgent_approve(actor=leader, workflow=workflow, reason="")
    publishing.urgent_approve(actor=leader, workflow=workflow, reason="重大舆情，5小时内须发布权威信息")
    workflow.refresh_from_db()
    release.refresh_from_db()
    assert workflow.state == State.PUBLISHED and workflow.approver == leader and is_public(release)
    assert release.published_at is not None
    info = selectors.clock_states(incident)[0]
    assert info.state == "met"
    from gongkai.core.models import AuditEvent

    assert AuditEvent.objects.filter(verb="publishing.urgent_approved", actor=leader).exists()


@pytest.mark.django_db
def test_a_published_release_is_immutable_and_a_correction_supersedes_it_with_a_reason(spokesperson, leader):
    incident = register(spokesperson)
    first = services.draft_release(actor=spokesperson, incident=incident, title="通报", body="初步核查情况。")
    publishing.submit(actor=spokesperson, workflow=workflow_for(first))
    publishing.urgent_approve(actor=leader, workflow=workflow_for(first), reason="紧急")
    first.refresh_from_db()
    with pytest.raises(Conflict):
        services.edit_release(actor=spokesperson, release=first, title="改过的", body="改过的正文")
    with pytest.raises(ValidationFailed) as refused:
        services.draft_release(
            actor=spokesperson, incident=incident, title="更正", body="更正内容。", supersedes=first
        )
    assert refused.value.field == "correction_reason"
    correction = services.draft_release(
        actor=spokesperson,
        incident=incident,
        title="更正通报",
        body="更正后的核查情况。",
        supersedes=first,
        correction_reason="初步通报中的时间有误",
    )
    with pytest.raises(Conflict):
        services.draft_release(
            actor=spokesperson,
            incident=incident,
            title="再更正",
            body="x",
            supersedes=first,
            correction_reason="y",
        )
    first.refresh_from_db()
    assert (first.title, first.body) == ("通报", "初步核查情况。")
    assert correction.number == 2 and correction.supersedes == first


@pytest.mark.django_db
def test_warnings_before_and_escalation_after_a_breach_are_sent_once_to_the_right_people(
    spokesperson, leader
):
    incident = register(spokesperson, hours_ago=0, leader=leader)
    seen = incident.first_seen_at
    assert services.check_clocks(seen + timedelta(hours=4, minutes=10)) == {"warned": 1, "escalated": 0}
    assert services.check_clocks(seen + timedelta(hours=4, minutes=30)) == {"warned": 0, "escalated": 0}
    assert OutboxMessage.objects.filter(kind="incident.clock", recipient="fayan@example.org").count() == 1
    assert services.check_clocks(seen + timedelta(hours=5, minutes=1)) == {"warned": 0, "escalated": 1}
    assert OutboxMessage.objects.filter(kind="incident.clock", recipient="leader@example.org").count() == 1
    assert IncidentEvent.objects.filter(incident=incident, verb="escalated").count() == 1


@pytest.mark.django_db
def test_closing_needs_a_release_and_the_compliance_report_says_met_or_breached_by_how_much(
    spokesperson, leader
):
    incident = register(spokesperson, severity="general", hours_ago=50)
    with pytest.raises(ValidationFailed):
        services.close_incident(actor=spokesperson, incident=incident, summary="处置完毕")
    release = services.draft_release(actor=spokesperson, incident=incident, title="回应", body="回应内容。")
    publishing.submit(actor=spokesperson, workflow=workflow_for(release))
    publishing.urgent_approve(actor=leader, workflow=workflow_for(release), reason="已超时，尽快回应")
    services.close_incident(actor=spokesperson, incident=incident, summary="已回应，舆情平息。")
    incident.refresh_from_db()
    (row,) = selectors.compliance_rows(incident)
    assert row["state"] == "超时完成" and row["late_by"].startswith("2 小时")
    with pytest.raises(InvalidTransition):
        services.close_incident(actor=spokesperson, incident=incident, summary="again")


@pytest.mark.django_db
def test_staff_of_another_agency_never_see_an_incident(spokesperson, make_user, other_agency):
    from gongkai.accounts.factories import DepartmentFactory
    from gongkai.core.errors import NotFound

    incident = register(spokesperson)
    outsider = make_user(
        Role.SPOKESPERSON, agency=other_agency, department=DepartmentFactory(agency=other_agency)
    )
    assert not selectors.incidents_for(outsider).exists()
    with pytest.raises(NotFound):
        services.close_incident(actor=outsider, incident=incident, summary="x")
    assert Incident.objects.get(pk=incident.pk).status == "open"
