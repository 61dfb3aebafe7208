"""Every write of the publication workflow: check, lock, transition, event + audit, hooks after commit.

Who may do what (roles.PERMISSIONS):
- publishing.draft (承办人, 公开办): start a workflow and submit it (保密审查);
- publishing.review (保密审查员): pass the review or return it for changes;
- publishing.approve (分管领导): approve now or at a time, or return it;
- publishing.withdraw (公开办, 分管领导): withdraw scheduled or published content with a public reason.
Four eyes: neither the reviewer nor the approver may be the author (ADR 0009).
Staff act only on workflows of their agency; a 承办人 only on those of their own 处室.
"""

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.accounts.guard import SYSTEM, fetch_for, require, require_any, user_or_none
from gongkai.accounts.permissions import has_perm
from gongkai.accounts.roles import AGENCY_WIDE_ROLES
from gongkai.core import audit
from gongkai.core.errors import Conflict, InvalidTransition, NotFound, PermissionDenied, ValidationFailed

from . import hooks, scanning
from .models import Workflow, WorkflowEvent
from .permissions import can_approve, is_substitute_approver
from .reasons import REASON_MAX
from .reasons import clean_reason as _reason
from .registry import adapter_for
from .states import OPEN_STATES, Action, State, next_state
from .substitutes import end_substitute_approver, name_substitute_approver

# Audit verb of each action ("publishing.<verb>").
AUDIT_VERBS = {
    Action.SUBMIT: "submitted",
    Action.PASS_REVIEW: "review_passed",
    Action.RETURN_TO_DRAFT: "returned",
    Action.APPROVE: "approved",
    Action.SCHEDULE: "approved",
    Action.PUBLISH_DUE: "published",
    Action.WITHDRAW: "withdrawn",
    Action.SUPERSEDE: "superseded",
    Action.REOPEN_APPROVAL: "approval_reopened",
    Action.URGENT_APPROVE: "urgent_approved",
}
SUBSTITUTE_NOTE = "代理审批人批准"


def _require_approver(actor) -> None:
    """批准发布 / 退回 from 待领导审批: the approver role or the agency's 代理审批人 (issue 11.16)."""
    if not can_approve(actor):
        raise PermissionDenied("您的角色无权执行此操作。")


def _not_author(actor, workflow: Workflow, what: str) -> None:
    if actor.pk == workflow.author_id:
        raise PermissionDenied(f"{what}不能由承办人本人进行，请由其他人员办理。")


def _snapshot(workflow: Workflow) -> dict:
    return {
        "state": workflow.state,
        "reviewer": workflow.reviewer_id,
        "approver": workflow.approver_id,
        "publish_at": workflow.publish_at,
        "published_at": workflow.published_at,
        "withdrawal_reason": workflow.withdrawal_reason,
    }


def _lock(actor, workflow: Workflow) -> Workflow:
    """The one fetch-and-authorise funnel: the row, locked, if `actor` may see it (else NotFound)."""
    return fetch_for(actor, Workflow, workflow.pk, lock=True, not_found="没有找到该发布流程。")


def _sync(target: Workflow, source: Workflow) -> None:
    """Let the caller's instance reflect the committed row."""
    if target is not source:
        for field in Workflow._meta.concrete_fields:
            setattr(target, field.attname, getattr(source, field.attname))


def _transition(
    actor, workflow: Workflow, action: Action, *, note: str = "", at: datetime, **changes
) -> Workflow:
    """Apply `action` to a locked workflow: state, fields, event row, audit row, hooks."""
    before = _snapshot(workflow)
    from_state = workflow.state
    workflow.state = next_state(workflow.state, action)
    for name, value in changes.items():
        setattr(workflow, name, value)
    workflow.save()
    WorkflowEvent.objects.create(
        workflow=workflow,
        verb=action.value,
        actor=user_or_none(actor),
        from_state=from_state,
        to_state=workflow.state,
        note=note,
        at=at,
    )
    audit.record(
        actor=actor,
        verb=f"publishing.{AUDIT_VERBS[action]}",
        obj=workflow,
        agency=workflow.agency,
        before=before,
        after={**_snapshot(workflow), "note": note} if note else _snapshot(workflow),
    )
    event = {State.PUBLISHED: "published", State.WITHDRAWN: "withdrawn", State.SUPERSEDED: "superseded"}
    hooks.schedule(event.get(workflow.state, "transition_only"), workflow)
    return workflow


def _publish(actor, workflow: Workflow, *, at: datetime) -> None:
    """The content becomes published: the adapter's side effects run in the same transaction."""
    content = workflow.content
    adapter_for(content).on_published(content, actor=actor, at=at)


# --- start and submit (承办人 / 公开办) ------------------------------------------------------------
def start_workflow(*, actor, obj) -> Workflow:
    """Open a draft workflow for `obj` (at most one open workflow per object, enforced by the DB)."""
    adapter = adapter_for(obj)
    require(actor, adapter.draft_permission)
    agency = adapter.agency_of(obj)
    department = adapter.department_of(obj)
    if agency is None or agency.pk != actor.agency_id:
        raise NotFound("没有找到该内容。")
    if not (actor.roles & AGENCY_WIDE_ROLES) and (department is None or department.pk != actor.department_id):
        raise PermissionDenied("只能为本处室的内容发起发布流程。")
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    if Workflow.objects.filter(content_type=content_type, object_id=obj.pk, state=State.PUBLISHED).exists():
        # Published content is never edited in place: a correction is a new revision (issue 3, item 3).
        raise Conflict("该内容已发布，不能再次进入发布流程；如需更正，请创建新版本。")
    now = timezone.now()
    try:
        with transaction.atomic():
            workflow = Workflow.objects.create(
                agency=agency,
                content_type=content_type,
                object_id=obj.pk,
                state=State.DRAFT,
                author=actor,
                department=department,
                title=adapter.title(obj)[:300],
            )
            WorkflowEvent.objects.create(
                workflow=workflow, verb="start", actor=actor, from_state="", to_state=State.DRAFT, at=now
            )
            audit.record(
                actor=actor, verb="publishing.started", obj=workflow, agency=agency, after=_snapshot(workflow)
            )
    except IntegrityError:
        raise Conflict("该内容已有进行中的发布流程。") from None
    return workflow


def submit(*, actor, workflow: Workflow) -> Workflow:
    """Send a draft to 保密审查; the scan runs (stage submission) and its report is stored."""
    require(actor, adapter_for(workflow.content).draft_permission)
    with transaction.atomic():
        locked = _lock(actor, workflow)
        next_state(locked.state, Action.SUBMIT)  # refuse before scanning
        content = locked.content
        adapter_for(content).check_submittable(content)
        scanning.run(actor=actor, workflow=locked, stage=scanning.SUBMISSION)
        now = timezone.now()
        _transition(
            actor,
            locked,
            Action.SUBMIT,
            at=now,
            submitted_at=now,
            title=adapter_for(content).title(content)[:300],
        )
    _sync(workflow, locked)
    return locked


# --- review (保密审查员) ----------------------------------------------------------------------------
def pass_review(*, actor, workflow: Workflow, note: str = "") -> Workflow:
    """保密审查通过. The reviewer is never the author; high findings must be overridden first."""
    require(actor, "publishing.review")
    with transaction.atomic():
        locked = _lock(actor, workflow)
        _not_author(actor, locked, "保密审查")
        next_state(locked.state, Action.PASS_REVIEW)
        blocking = scanning.blocking(scanning.latest_report(locked, scanning.SUBMISSION))
        if blocking:
            raise ValidationFailed(
                f"保密审查发现 {len(blocking)} 项高风险问题，须逐项确认忽略并说明理由后才能通过。",
                field="findings",
            )
        now = timezone.now()
        _transition(
            actor,
            locked,
            Action.PASS_REVIEW,
            note=(note or "").strip()[:REASON_MAX],
            at=now,
            reviewer=actor,
            reviewed_at=now,
        )
    _sync(workflow, locked)
    return locked


def return_to_draft(*, actor, workflow: Workflow, reason: str) -> Workflow:
    """退回修改 with a reason: by the reviewer (from 待保密审查) or the approver (from 待领导审批)."""
    if not (has_perm(actor, "publishing.review") or can_approve(actor)):
        raise PermissionDenied("您的角色无权执行此操作。")
    reason = _reason(reason, label="退回理由")
    with transaction.atomic():
        locked = _lock(actor, workflow)
        if locked.state == State.SUBMITTED:
            require(actor, "publishing.review")
        else:
            _require_approver(actor)
        _not_author(actor, locked, "退回")
        next_state(locked.state, Action.RETURN_TO_DRAFT)
        _transition(
            actor,
            locked,
            Action.RETURN_TO_DRAFT,
            note=reason,
            at=timezone.now(),
            reviewer=None,
            reviewed_at=None,
            submitted_at=None,
        )
    _sync(workflow, locked)
    return locked


# --- approval (分管领导) ---------------------------------------------------------------------------
def approve(*, actor, workflow: Workflow, publish_at: datetime | None = None) -> Workflow:
    """批准发布 now, or 定时发布 when `publish_at` is in the future.

    The scan runs again (stage approval) and its report is kept even when approval is refused, so the
    approver can see and override a new high finding and approve again.
    """
    _require_approver(actor)
    with transaction.atomic():  # the approval-stage report is committed whatever happens next
        locked = _lock(actor, workflow)
        _not_author(actor, locked, "审批")
        next_state(locked.state, Action.APPROVE)
        report = scanning.run(actor=actor, workflow=locked, stage=scanning.APPROVAL)
    blocking = scanning.blocking(report)
    if blocking:
        raise ValidationFailed(
            f"审批前复查发现 {len(blocking)} 项新的高风险问题，须确认忽略并说明理由后才能批准。",
            field="findings",
        )
    with transaction.atomic():
        locked = _lock(actor, workflow)
        next_state(locked.state, Action.APPROVE)  # someone else may have acted meanwhile
        content = locked.content
        if publish_at is not None and timezone.is_naive(publish_at):
            raise ValidationFailed("定时发布时间须包含时区。", field="publish_at")
        # Content with its own announced minute (a data release) goes public at that minute only.
        publish_at = adapter_for(content).publish_at_for(content, publish_at)
        # The adapter sees the publication time, so that 三同步 compares with the policy's real minute.
        adapter_for(content).check_publishable(content, publish_at=publish_at)
        now = timezone.now()
        as_substitute = not has_perm(actor, "publishing.approve") and is_substitute_approver(actor)
        if publish_at is not None and publish_at > now:
            # Visible from publish_at on by the read-time filter; publish_due only finalises.
            _transition(
                actor,
                locked,
                Action.SCHEDULE,
                at=now,
                approver=actor,
                approved_at=now,
                publish_at=publish_at,
                published_at=publish_at,
                note=f"定时发布：{timezone.localtime(publish_at):%Y-%m-%d %H:%M}"
                + ("（代理审批人批准）" if as_substitute else ""),
            )
        else:
            _transition(
                actor,
                locked,
                Action.APPROVE,
                at=now,
                approver=actor,
                approved_at=now,
                published_at=now,
                note=SUBSTITUTE_NOTE if as_substitute else "",
            )
            _publish(actor, locked, at=now)
    _sync(workflow, locked)
    return locked


def reopen_approval(*, actor, workflow: Workflow, reason: str) -> Workflow:
    """An approved, scheduled workflow goes back to 待领导审批 because what was approved changed before
    its minute (e.g. the data release was moved): nothing is public, and the approver decides again.
    Called by the content's own service, which has checked the actor's right to make that change."""
    require_any(actor, ("publishing.draft", "publishing.approve", "publishing.withdraw"))
    reason = _reason(reason, label="重新审批的理由")
    with transaction.atomic():
        locked = _lock(actor, workflow)
        next_state(locked.state, Action.REOPEN_APPROVAL)
        _transition(
            actor,
            locked,
            Action.REOPEN_APPROVAL,
            note=reason,
            at=timezone.now(),
            approver=None,
            approved_at=None,
            publish_at=None,
            published_at=None,
        )
    _sync(workflow, locked)
    return locked


def publish_due(now: datetime) -> int:
    """Periodic job: scheduled workflows whose time has come become published. Idempotent."""
    count = 0
    due = Workflow.objects.filter(state=State.SCHEDULED, publish_at__lte=now).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            locked = Workflow.objects.select_for_update().filter(pk=pk, state=State.SCHEDULED).first()
            if locked is None:  # withdrawn or finalised meanwhile
                continue
            at = locked.publish_at
            _transition(SYSTEM, locked, Action.PUBLISH_DUE, at=now, published_at=at)
            _publish(SYSTEM, locked, at=at)
            count += 1
    return count


# --- after publication -----------------------------------------------------------------------------
def withdraw(*, actor, workflow: Workflow, reason: str) -> Workflow:
    """撤回 scheduled or published content; the reason is shown to the public."""
    require(actor, "publishing.withdraw")
    reason = _reason(reason, label="撤回理由")
    with transaction.atomic():
        locked = _lock(actor, workflow)
        next_state(locked.state, Action.WITHDRAW)
        now = timezone.now()
        _transition(
            actor, locked, Action.WITHDRAW, note=reason, at=now, withdrawn_at=now, withdrawal_reason=reason
        )
        content = locked.content
        adapter_for(content).on_withdrawn(content, actor=actor, reason=reason)
    _sync(workflow, locked)
    return locked


def supersede(*, actor, workflow: Workflow) -> Workflow:
    """The published content is replaced by a newer revision (called when that revision publishes).

    `actor` SYSTEM is the platform (publish_due publishing the newer revision).
    """
    require_any(actor, ("publishing.approve", "publishing.withdraw"))
    with transaction.atomic():
        locked = _lock(actor, workflow)  # scoped: another agency's workflow is NotFound
        next_state(locked.state, Action.SUPERSEDE)
        _transition(actor, locked, Action.SUPERSEDE, at=timezone.now())
        content = locked.content
        adapter_for(content).on_superseded(content, actor=actor)
    _sync(workflow, locked)
    return locked


__all__ = [
    "InvalidTransition",
    "OPEN_STATES",
    "REASON_MAX",
    "approve",
    "end_substitute_approver",
    "name_substitute_approver",
    "pass_review",
    "publish_due",
    "reopen_approval",
    "return_to_draft",
    "start_workflow",
    "submit",
    "supersede",
    "withdraw",
]


# --- the urgent path (政务舆情) ---------------------------------------------------------------------
def urgent_approve(*, actor, workflow: Workflow, reason: str) -> Workflow:
    """紧急发布: one 分管领导 publishes submitted content at once, for content whose adapter allows it
    (a public-opinion release: 国办发〔2016〕80号 asks for authoritative information within 5 hours).

    The four-eyes rule still holds (the approver is not the author) and the confidentiality scan still
    runs and blocks on high findings; what is skipped is the separate review step. Audited with the reason.
    """
    _require_approver(actor)
    reason = _reason(reason, label="紧急发布理由")
    with transaction.atomic():
        locked = _lock(actor, workflow)
        content = locked.content
        adapter = adapter_for(content)
        if not adapter.allows_urgent:
            raise InvalidTransition(f"{adapter.label}不适用紧急发布，请按保密审查、领导审批的程序发布。")
        _not_author(actor, locked, "紧急发布")
        next_state(locked.state, Action.URGENT_APPROVE)
        report = scanning.run(actor=actor, workflow=locked, stage=scanning.APPROVAL)
    if scanning.blocking(report):
        raise ValidationFailed(
            "保密审查发现高风险问题，须确认忽略并说明理由后才能紧急发布。", field="findings"
        )
    with transaction.atomic():
        locked = _lock(actor, workflow)
        next_state(locked.state, Action.URGENT_APPROVE)
        content = locked.content
        adapter_for(content).check_publishable(content, publish_at=None)
        now = timezone.now()
        _transition(
            actor,
            locked,
            Action.URGENT_APPROVE,
            note=f"紧急发布：{reason}",
            at=now,
            reviewer=actor,
            reviewed_at=now,
            approver=actor,
            approved_at=now,
            published_at=now,
        )
        _publish(actor, locked, at=now)
    _sync(workflow, locked)
    return locked
