"""Each role can do what it should and nothing else; a denied action changes nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.accounts.factories import DepartmentFactory, UserFactory
from gongkai.accounts.roles import Role
from gongkai.confidentiality.models import ScanReport
from gongkai.core.errors import NotFound, PermissionDenied
from gongkai.core.models import AuditEvent
from gongkai.publishing import selectors, services
from gongkai.publishing.models import Workflow, WorkflowEvent
from gongkai.publishing.states import State

PEOPLE = ["drafter", "other_drafter", "reviewer", "approver", "office", "supervisor", "admin", "spokesperson"]


def _database():
    return (
        list(Workflow.objects.order_by("pk").values()),
        WorkflowEvent.objects.count(),
        AuditEvent.objects.count(),
        ScanReport.objects.count(),
    )


def _in_state(state, content, people):
    wf = services.start_workflow(actor=people["drafter"], obj=content)
    if state == State.DRAFT:
        return wf
    services.submit(actor=people["drafter"], workflow=wf)
    if state == State.SUBMITTED:
        return wf
    services.pass_review(actor=people["reviewer"], workflow=wf)
    if state == State.APPROVAL:
        return wf
    if state == State.SCHEDULED:
        return services.approve(
            actor=people["approver"], workflow=wf, publish_at=timezone.now() + timedelta(days=1)
        )
    return services.approve(actor=people["approver"], workflow=wf)


ACTIONS = {
    # name: (state it needs, call, roles that may)
    "submit": (State.DRAFT, lambda a, wf: services.submit(actor=a, workflow=wf), {"drafter", "office"}),
    "pass_review": (State.SUBMITTED, lambda a, wf: services.pass_review(actor=a, workflow=wf), {"reviewer"}),
    "return_from_review": (
        State.SUBMITTED,
        lambda a, wf: services.return_to_draft(actor=a, workflow=wf, reason="请修改"),
        {"reviewer"},
    ),
    "return_from_approval": (
        State.APPROVAL,
        lambda a, wf: services.return_to_draft(actor=a, workflow=wf, reason="请修改"),
        {"approver"},
    ),
    "approve": (State.APPROVAL, lambda a, wf: services.approve(actor=a, workflow=wf), {"approver"}),
    "schedule": (
        State.APPROVAL,
        lambda a, wf: services.approve(actor=a, workflow=wf, publish_at=timezone.now() + timedelta(hours=1)),
        {"approver"},
    ),
    "withdraw": (
        State.PUBLISHED,
        lambda a, wf: services.withdraw(actor=a, workflow=wf, reason="有误"),
        {"office", "approver"},
    ),
    "withdraw_scheduled": (
        State.SCHEDULED,
        lambda a, wf: services.withdraw(actor=a, workflow=wf, reason="有误"),
        {"office", "approver"},
    ),
    "supersede": (
        State.PUBLISHED,
        lambda a, wf: services.supersede(actor=a, workflow=wf),
        {"office", "approver"},
    ),
}
CASES = [(action, person) for action in ACTIONS for person in PEOPLE]


@pytest.mark.parametrize(("action", "person"), CASES)
def test_permission_sweep(action, person, content, people):
    state, call, allowed = ACTIONS[action]
    wf = _in_state(state, content, people)
    before = _database()
    if person in allowed:
        result = call(people[person], wf)
        assert result.state != state
        assert WorkflowEvent.objects.count() == before[1] + 1
    else:
        with pytest.raises((PermissionDenied, NotFound)):
            call(people[person], wf)
        assert _database() == before


@pytest.mark.parametrize("person", PEOPLE)
def test_who_may_start_a_workflow(person, content, people):
    before = _database()
    if person in {"drafter", "office"}:
        assert services.start_workflow(actor=people[person], obj=content).state == State.DRAFT
    else:
        with pytest.raises(PermissionDenied):
            services.start_workflow(actor=people[person], obj=content)
        assert _database() == before


def test_another_agencys_staff_can_neither_see_nor_act(content, people, other_agency):
    stranger = UserFactory(
        agency=other_agency, department=DepartmentFactory(agency=other_agency), roles=list(Role)
    )
    wf = _in_state(State.SUBMITTED, content, people)
    before = _database()
    with pytest.raises(NotFound):
        services.start_workflow(actor=stranger, obj=content)
    for call in (
        lambda: services.submit(actor=stranger, workflow=wf),
        lambda: services.pass_review(actor=stranger, workflow=wf),
        lambda: services.return_to_draft(actor=stranger, workflow=wf, reason="x"),
        lambda: services.approve(actor=stranger, workflow=wf),
        lambda: services.withdraw(actor=stranger, workflow=wf, reason="x"),
        lambda: services.supersede(actor=stranger, workflow=wf),
    ):
        with pytest.raises(NotFound):
            call()
    assert _database() == before
    assert selectors.visible_workflows(stranger).count() == 0
    assert selectors.review_queue(stranger).count() == 0
    assert selectors.get_workflow(stranger, wf.pk) is None


def test_a_drafter_sees_only_their_departments_workflows(content, people):
    wf = _in_state(State.SUBMITTED, content, people)
    assert list(selectors.visible_workflows(people["drafter"])) == [wf]
    assert list(selectors.visible_workflows(people["other_drafter"])) == []
    assert list(selectors.visible_workflows(people["supervisor"])) == [wf]  # agency-wide, read only
    assert list(selectors.review_queue(people["reviewer"])) == [wf]
    assert list(selectors.review_queue(people["approver"])) == []


def test_a_drafter_cannot_start_a_workflow_for_another_departments_content(agency, people, adapter):
    foreign = DepartmentFactory(agency=agency, name="别的处室的内容")
    with pytest.raises(PermissionDenied, match="本处室"):
        services.start_workflow(actor=people["drafter"], obj=foreign)
    assert services.start_workflow(actor=people["office"], obj=foreign).department == foreign
