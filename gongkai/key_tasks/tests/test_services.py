"""Progress reporting through the workflow, the roll-up of published updates, and the rule that a
rectification is confirmed by the supervisor, never by the responsible department itself."""

from datetime import date

import pytest

from gongkai.accounts.roles import Role
from gongkai.core.errors import Conflict, InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.key_tasks import selectors, services
from gongkai.key_tasks.models import Evidence, Finding, FindingEvent, FindingState, Rectification
from gongkai.key_tasks.rollup import Status
from gongkai.publishing.selectors import workflow_for

from .conftest import TODAY, make_docx

pytestmark = pytest.mark.django_db


def test_only_published_updates_count_in_the_roll_up(published_task, report):
    first, second, _third = published_task.milestones.all()
    report(published_task, milestone=first, percent=100, on=date(2026, 3, 30))
    report(published_task, milestone=second, percent=50, on=date(2026, 6, 1), publish=False)  # in review
    view = selectors.task_view(published_task, TODAY)
    assert view.progress == 30.0
    assert view.status is Status.ON_TRACK
    assert view.history == [(date(2026, 3, 30), 30.0)]


def test_a_late_milestone_makes_the_published_task_lagging(published_task, report):
    first = published_task.milestones.first()
    report(published_task, milestone=first, percent=60, on=date(2026, 3, 30))
    assert selectors.task_view(published_task, TODAY).status is Status.LAGGING


def test_a_task_without_milestones_reports_its_whole_percentage(make_task, finish, office_user, report):
    task = make_task(milestones=())
    services.send_to_publication(actor=office_user, obj=task)
    finish(task)
    report(task, percent=45, on=date(2026, 6, 1))
    view = selectors.task_view(task, TODAY)
    assert (view.progress, view.status) == (45.0, Status.ON_TRACK)


def test_a_task_with_milestones_needs_the_milestone_named(published_task, drafter, today):
    with pytest.raises(ValidationFailed) as exc:
        services.report_progress(actor=drafter, task=published_task, reported_on=TODAY, text="x", percent=10)
    assert exc.value.field == "milestone"
    assert published_task.updates.count() == 0


def test_progress_of_an_unpublished_task_cannot_be_published(make_task, drafter, today):
    task = make_task()
    with pytest.raises(Conflict):
        services.report_progress(
            actor=drafter,
            task=task,
            milestone=task.milestones.first(),
            reported_on=TODAY,
            text="x",
            percent=10,
        )


def test_another_departments_drafter_cannot_report(published_task, make_user, today):
    outsider = make_user(Role.DRAFTER)
    with pytest.raises(PermissionDenied, match="不由您所在的处室承办"):
        services.report_progress(
            actor=outsider,
            task=published_task,
            milestone=published_task.milestones.first(),
            reported_on=TODAY,
            text="x",
            percent=10,
        )
    assert published_task.updates.count() == 0


def test_evidence_goes_through_the_confidentiality_scan(published_task, drafter, today):
    from stdnum.cn import ric

    from gongkai.confidentiality.selectors import latest_report

    number = "11010119800101123" + ric.calc_check_digit("11010119800101123" + "0")
    evidence = make_docx("会议纪要", f"联系人身份证号 {number}")
    update = services.report_progress(
        actor=drafter,
        task=published_task,
        milestone=published_task.milestones.first(),
        reported_on=TODAY,
        text="已完成方案起草。",
        percent=100,
        files=[("方案.docx", evidence)],
    )
    assert Evidence.objects.get(update=update).original_name == "方案.docx"
    assert workflow_for(update).state == "submitted"  # scanned and waiting for 保密审查
    report = latest_report(update, stage="submission")
    assert [(f.kind, "方案.docx" in f.location) for f in report.findings.all()] == [("resident_id", True)]


def test_a_future_reporting_date_is_refused(published_task, drafter, today):
    with pytest.raises(ValidationFailed) as exc:
        services.report_progress(
            actor=drafter,
            task=published_task,
            milestone=published_task.milestones.first(),
            reported_on=date(2026, 6, 16),
            text="x",
            percent=10,
        )
    assert exc.value.field == "reported_on"


# --- supervisor confirms (督查与执行分离) ---------------------------------------------------------------
@pytest.fixture
def finding(office_user, department, today):
    return services.raise_finding(
        actor=office_user,
        department=department,
        source="special",
        title="统计台账不完整",
        description="抽查发现部分企业统计台账缺少原始凭证。",
        found_on=date(2026, 5, 1),
        rectify_by=date(2026, 6, 30),
    )


@pytest.fixture
def submitted(finding, drafter):
    services.submit_rectification(
        actor=drafter,
        finding=finding,
        measures="补齐原始凭证。",
        result="已全部补齐。",
        completed_on=date(2026, 6, 10),
    )
    finding.refresh_from_db()
    return finding


def test_the_responsible_departments_own_staff_cannot_confirm(submitted, office_user):
    # 公开办 may confirm in general, but office_user belongs to the responsible department (综合处).
    with pytest.raises(services.SupervisorMustConfirm, match="整改责任处室及报送人不能自行确认"):
        services.decide_rectification(actor=office_user, finding=submitted, confirm=True)
    submitted.refresh_from_db()
    assert submitted.state == FindingState.SUBMITTED
    assert Rectification.objects.get().decision == Rectification.Decision.PENDING


def test_the_person_who_reported_cannot_confirm_even_from_another_department(finding, make_user, approver):
    reporter = make_user(Role.OPENNESS_OFFICE)  # agency-wide, another department
    services.submit_rectification(
        actor=reporter, finding=finding, measures="补齐。", result="已补齐。", completed_on=date(2026, 6, 10)
    )
    with pytest.raises(services.SupervisorMustConfirm):
        services.decide_rectification(actor=reporter, finding=finding, confirm=True)
    assert Finding.objects.get().state == FindingState.SUBMITTED


def test_a_drafter_has_no_permission_to_confirm(submitted, make_user):
    with pytest.raises(PermissionDenied):
        services.decide_rectification(actor=make_user(Role.DRAFTER), finding=submitted, confirm=True)


def test_the_supervisor_confirms_and_the_timeline_records_it(submitted, approver):
    services.decide_rectification(actor=approver, finding=submitted, confirm=True, note="经核查属实。")
    submitted.refresh_from_db()
    assert submitted.state == FindingState.CONFIRMED
    rect = Rectification.objects.get()
    assert (rect.decision, rect.decided_by) == (Rectification.Decision.CONFIRMED, approver)
    assert list(FindingEvent.objects.values_list("verb", flat=True)) == [
        "raised",
        "rectification_submitted",
        "confirmed",
    ]


def test_returning_needs_a_reason_and_reopens_the_finding(submitted, approver):
    with pytest.raises(ValidationFailed):
        services.decide_rectification(actor=approver, finding=submitted, confirm=False)
    services.decide_rectification(actor=approver, finding=submitted, confirm=False, note="凭证仍不全。")
    submitted.refresh_from_db()
    assert submitted.state == FindingState.OPEN


def test_confirming_an_open_finding_is_an_invalid_transition(finding, approver):
    with pytest.raises(InvalidTransition):
        services.decide_rectification(actor=approver, finding=finding, confirm=True)


def test_a_finding_is_published_only_after_confirmation(finding, office_user):
    with pytest.raises(ValidationFailed, match="经督查人员确认后"):
        services.send_to_publication(actor=office_user, obj=finding)


def test_overdue_findings_are_escalated(finding):
    qs = Finding.objects.all()
    assert selectors.overdue_findings(qs, date(2026, 6, 30)).count() == 0
    assert selectors.overdue_findings(qs, date(2026, 7, 1)).count() == 1


# --- accountability (隐名) ------------------------------------------------------------------------
def test_case_notice_names_are_masked_by_rule(office_user, department, today):
    notice = services.save_notice(
        actor=office_user,
        department=department,
        kind="slow",
        title="关于张三慢作为问题的通报",
        facts="张三、欧阳明华在统计执法中拖延办理，联系电话13912345678。",
        handling="对张三诫勉谈话。",
        notified_on=TODAY,
        persons="张三\n欧阳明华",
    )
    assert notice.title == "关于张某慢作为问题的通报"
    assert notice.facts == "张某、欧阳某在统计执法中拖延办理，联系电话139****5678。"
    assert notice.handling == "对张某诫勉谈话。"
    services.check_notice_publishable(notice)  # nothing left to leak
