"""代理审批人 (issue 11.16): a leader who drafted an item and is the agency's only approver sees why it is
stuck and who can approve it; an administrator names a substitute approver, who approves under the same
four-eyes rule (ADR 0009); naming and ending are audited."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.accounts.roles import Role
from gongkai.core.errors import Conflict, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.publishing import selectors, services
from gongkai.publishing.models import SubstituteApprover, WorkflowEvent
from gongkai.publishing.states import State


@pytest.fixture
def team(make_user, content):
    """The only 分管领导 also works in the openness office, so he drafts as well."""
    return {
        "leader": make_user(
            Role.APPROVER, Role.OPENNESS_OFFICE, username="leader", full_name="王建国", department=content
        ),
        "reviewer": make_user(Role.CONFIDENTIALITY_REVIEWER, username="reviewer", full_name="黄静"),
        "deputy": make_user(Role.OPENNESS_OFFICE, username="deputy", full_name="林晓"),
        "admin": make_user(Role.ADMINISTRATOR, username="admin", full_name="管理员甲"),
        "supervisor": make_user(Role.SUPERVISOR, username="watcher", full_name="监督员"),
    }


@pytest.fixture
def stuck(content, team):
    wf = services.start_workflow(actor=team["leader"], obj=content)
    services.submit(actor=team["leader"], workflow=wf)
    services.pass_review(actor=team["reviewer"], workflow=wf)
    return wf


def test_the_only_approver_cannot_approve_his_own_draft(stuck, team):
    with pytest.raises(PermissionDenied, match="承办人本人"):
        services.approve(actor=team["leader"], workflow=stuck)
    assert selectors.eligible_approvers(stuck) == []


def test_the_drafting_leader_sees_why_it_is_stuck_and_that_nobody_can_approve(client, stuck, team):
    client.force_login(team["leader"])
    html = client.get(f"/office/publishing/{stuck.pk}/").content.decode()
    assert "本件由您起草。按四眼原则（ADR 0009），审批人不能是承办人本人，您不能审批本件。" in html
    assert (
        "本件无法审批：本机关除承办人外没有其他分管领导，也没有代理审批人。请系统管理员指定代理审批人。"
        in html
    )
    html = client.get("/office/publishing/approvals/").content.decode()
    assert "您起草的待审批内容" in html and "无人可以审批" in html


def test_the_administrator_is_pointed_to_the_substitute_screen(client, stuck, team):
    client.force_login(team["admin"])
    html = client.get(f"/office/publishing/{stuck.pk}/").content.decode()
    assert 'href="/office/publishing/substitute/">指定代理审批人</a>' in html


def test_a_named_substitute_is_shown_as_who_can_approve_and_approves(client, stuck, team, adapter):
    substitute = services.name_substitute_approver(
        actor=team["admin"], user=team["deputy"], reason="分管领导本人起草"
    )
    assert selectors.eligible_approvers(stuck) == [(team["deputy"], True)]
    client.force_login(team["leader"])
    html = client.get(f"/office/publishing/{stuck.pk}/").content.decode()
    assert "可以审批本件的人员：林晓（代理审批人）。" in html
    html = client.get("/office/publishing/approvals/").content.decode()
    assert "可由林晓（代理审批人）审批。" in html

    client.force_login(team["deputy"])
    html = client.get("/office/publishing/approvals/").content.decode()
    assert stuck.title in html  # the deputy's approval queue holds it
    response = client.post(f"/office/publishing/{stuck.pk}/approve/", {f"wf{stuck.pk}-mode": "now"})
    assert response.status_code == 302, response.content.decode()[:500]
    stuck.refresh_from_db()
    assert (stuck.state, stuck.approver) == (State.PUBLISHED, team["deputy"])
    assert WorkflowEvent.objects.get(workflow=stuck, verb="approve").note == services.SUBSTITUTE_NOTE
    event = AuditEvent.objects.get(verb="publishing.substitute_named")
    assert (event.actor, event.object_id, event.after["user"], event.before) == (
        team["admin"],
        str(substitute.pk),
        team["deputy"].pk,
        None,
    )


def test_the_substitute_is_still_never_the_approver_of_his_own_draft(content, team):
    services.name_substitute_approver(actor=team["admin"], user=team["deputy"], reason="领导休假")
    wf = services.start_workflow(actor=team["deputy"], obj=content)
    services.submit(actor=team["deputy"], workflow=wf)
    services.pass_review(actor=team["reviewer"], workflow=wf)
    with pytest.raises(PermissionDenied, match="承办人本人"):
        services.approve(actor=team["deputy"], workflow=wf)
    assert selectors.eligible_approvers(wf) == [(team["leader"], False)]


def test_the_substitute_may_return_an_item_for_changes(stuck, team):
    services.name_substitute_approver(actor=team["admin"], user=team["deputy"], reason="领导休假")
    services.return_to_draft(actor=team["deputy"], workflow=stuck, reason="请补充数据来源")
    stuck.refresh_from_db()
    assert stuck.state == State.DRAFT


def test_ending_the_substitute_ends_the_power_and_is_audited(client, stuck, team):
    services.name_substitute_approver(actor=team["admin"], user=team["deputy"], reason="领导休假")
    client.force_login(team["admin"])
    assert client.post("/office/publishing/substitute/end/").status_code == 302
    row = SubstituteApprover.objects.get()
    assert (row.ended_by, row.ended_at is not None) == (team["admin"], True)
    assert AuditEvent.objects.filter(verb="publishing.substitute_ended", object_id=str(row.pk)).count() == 1
    with pytest.raises(PermissionDenied):
        services.approve(actor=team["deputy"], workflow=stuck)
    client.force_login(team["deputy"])
    assert client.get("/office/publishing/approvals/").status_code == 403


def test_naming_another_person_replaces_the_current_one_keeping_history(team):
    services.name_substitute_approver(actor=team["admin"], user=team["deputy"], reason="领导休假")
    services.name_substitute_approver(actor=team["admin"], user=team["reviewer"], reason="林晓出差")
    assert list(SubstituteApprover.objects.filter(ended_at__isnull=True).values_list("user", flat=True)) == [
        team["reviewer"].pk
    ]
    assert SubstituteApprover.objects.count() == 2
    with pytest.raises(Conflict, match="已是本机关的代理审批人"):
        services.name_substitute_approver(actor=team["admin"], user=team["reviewer"], reason="重复")


def test_the_database_keeps_one_current_substitute_per_agency(team, agency):
    now = timezone.now()
    SubstituteApprover.objects.create(
        agency=agency, user=team["deputy"], reason="x", named_by=team["admin"], named_at=now
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        SubstituteApprover.objects.create(
            agency=agency, user=team["reviewer"], reason="y", named_by=team["admin"], named_at=now
        )


@pytest.mark.parametrize(
    ("who", "message"),
    [("supervisor", "只读的监督账号不能审批"), ("foreigner", "本机关在职的工作人员")],
)
def test_only_working_staff_of_the_agency_can_be_named(team, make_user, other_agency, who, message):
    user = team.get(who) or make_user(Role.APPROVER, agency=other_agency, username="foreign")
    with pytest.raises(ValidationFailed, match=message):
        services.name_substitute_approver(actor=team["admin"], user=user, reason="试试")
    assert not SubstituteApprover.objects.exists()


def test_a_reason_is_required(team):
    with pytest.raises(ValidationFailed, match="请填写指定理由"):
        services.name_substitute_approver(actor=team["admin"], user=team["deputy"], reason="  ")


def test_the_screen_names_a_substitute_and_shows_the_error_beside_the_field(client, team):
    client.force_login(team["admin"])
    response = client.post(
        "/office/publishing/substitute/", {"user": team["supervisor"].pk, "reason": "试试"}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "只读的监督账号不能审批" in html and "试试" in html  # what was typed stays
    response = client.post(
        "/office/publishing/substitute/", {"user": team["deputy"].pk, "reason": "领导休假"}
    )
    assert response.status_code == 302
    html = client.get("/office/publishing/substitute/").content.decode()
    assert "<strong>林晓</strong>" in html and "领导休假" in html


@pytest.mark.parametrize("who", ["leader", "deputy", "supervisor"])
def test_only_an_administrator_names_a_substitute(client, team, who):
    client.force_login(team[who])
    response = client.post(
        "/office/publishing/substitute/", {"user": team["deputy"].pk, "reason": "自己指定"}
    )
    assert response.status_code == 403
    assert not SubstituteApprover.objects.exists()
    assert AuditEvent.objects.filter(verb="access.denied", actor=team[who]).count() == 1
    with pytest.raises(PermissionDenied):
        services.name_substitute_approver(actor=team[who], user=team["deputy"], reason="自己指定")


def test_a_refused_approval_in_the_office_is_audited_once(client, stuck, team):
    client.force_login(team["deputy"])  # no approver role, no substitution
    response = client.post(f"/office/publishing/{stuck.pk}/approve/", {f"wf{stuck.pk}-mode": "now"})
    assert response.status_code == 403
    stuck.refresh_from_db()
    assert stuck.state == State.APPROVAL
    event = AuditEvent.objects.get(verb="access.denied")
    assert (event.actor, event.after["path"]) == (team["deputy"], f"/office/publishing/{stuck.pk}/approve/")


def test_the_substitutes_work_panel_counts_what_waits_for_approval(stuck, team):
    from gongkai.publishing.panels import publishing_panels

    services.name_substitute_approver(actor=team["admin"], user=team["deputy"], reason="领导休假")
    items = {label: count for label, _url, count in publishing_panels(team["deputy"])[0].items}
    assert items["待领导审批"] == "1 件"
