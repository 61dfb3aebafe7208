"""事后: enforcement decisions, their publication, changes and withdrawal."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.guard import fetch_for, require, user_or_none
from gongkai.core.errors import Conflict, InvalidTransition, ValidationFailed

from .. import clock
from ..models import (
    ChangeKind,
    Decision,
    DecisionKind,
    DecisionStatus,
    PartyType,
)
from .common import _calendar, _event, _legal_date, _text

DECISION_FIELDS = (
    "department",
    "kind",
    "document_number",
    "title",
    "party_type",
    "party_name",
    "party_id_number",
    "facts",
    "basis",
    "outcome",
    "fine_amount",
    "decided_on",
)
REQUIRED_DECISION = {
    "kind": "决定类别",
    "document_number": "决定书文号",
    "title": "案件名称",
    "party_type": "当事人类型",
    "party_name": "当事人",
    "facts": "主要违法事实或事项",
    "basis": "执法依据",
    "outcome": "决定内容",
    "decided_on": "决定日期",
}


def _clean_decision(agency, values: dict) -> dict:
    values = {k: _text(v) for k, v in values.items()}
    for name, label in REQUIRED_DECISION.items():
        if name in values and values[name] in ("", None):
            raise ValidationFailed(f"请填写{label}。", field=name)
    if "kind" in values and values["kind"] not in DecisionKind.values:
        raise ValidationFailed("请选择决定类别。", field="kind")
    if "party_type" in values and values["party_type"] not in PartyType.values:
        raise ValidationFailed("请选择当事人类型。", field="party_type")
    fine = values.get("fine_amount")
    if fine is not None and fine < 0:
        raise ValidationFailed("罚没金额不能为负数。", field="fine_amount")
    department = values.get("department")
    if department is not None and department.agency_id != agency.pk:
        raise ValidationFailed("处室不属于本机关。", field="department")
    decided_on = values.get("decided_on")
    if decided_on is not None and decided_on > timezone.localdate():
        raise ValidationFailed("决定日期不能晚于今天。", field="decided_on")
    return values


def create_decision(*, actor, agency, **values) -> Decision:
    """A decision to be published: its due date (7 or 20 working days) is fixed now; the workflow opens."""
    from gongkai.publishing.services import start_workflow

    unknown = set(values) - set(DECISION_FIELDS)
    if unknown:
        raise ValidationFailed(f"未知字段：{'、'.join(sorted(unknown))}")
    missing = [label for name, label in REQUIRED_DECISION.items() if name not in values]
    if missing:
        raise ValidationFailed(
            f"请填写{missing[0]}。", field=next(n for n in REQUIRED_DECISION if n not in values)
        )
    values = _clean_decision(agency, values)
    values.setdefault("department", getattr(actor, "department", None))
    probe = Decision(agency=agency, department=values["department"])
    require(actor, "enforcement.manage", probe)
    with transaction.atomic():
        decision = Decision.objects.create(
            agency=agency,
            due_on=clock.decision_due_on(values["kind"], values["decided_on"], _calendar()),
            created_by=user_or_none(actor),
            **values,
        )
        start_workflow(actor=actor, obj=decision)
        _event(
            actor=actor,
            obj=decision,
            action="registered",
            after={"kind": decision.kind, "decided_on": decision.decided_on, "due_on": decision.due_on},
        )
    return decision


def update_decision(*, actor, decision: Decision, **values) -> Decision:
    from gongkai.publishing.selectors import workflow_for

    unknown = set(values) - set(DECISION_FIELDS)
    if unknown:
        raise ValidationFailed(f"未知字段：{'、'.join(sorted(unknown))}")
    require(actor, "enforcement.manage", decision)
    values = _clean_decision(decision.agency, values)
    with transaction.atomic():
        decision = fetch_for(actor, Decision, decision.pk, lock=True)
        workflow = workflow_for(decision)
        if decision.status != DecisionStatus.DRAFT or (workflow is not None and workflow.state != "draft"):
            raise InvalidTransition("已提交或已公开的执法决定不能修改。")
        for name, value in values.items():
            setattr(decision, name, value)
        decision.due_on = clock.decision_due_on(decision.kind, decision.decided_on, _calendar())
        decision.save()
        _event(actor=actor, obj=decision, action="edited", after={"due_on": decision.due_on})
    return decision


def record_publication(*, actor, decision: Decision, at: datetime) -> Decision:
    """Inside the publishing transaction: the fact, and whether the 7/20-working-day limit was kept."""
    decision = fetch_for(actor, Decision, decision.pk, lock=True, department_field=None)
    decision.status, decision.published_at = DecisionStatus.PUBLISHED, at
    decision.late_by_days = clock.late_by(decision.due_on, _legal_date(at), _calendar())
    decision.save(update_fields=["status", "published_at", "late_by_days"])
    _event(actor=actor, obj=decision, action="published", after={"late_by_days": decision.late_by_days})
    from ..search import sync_decision

    sync_decision(decision)
    return decision


def mark_changed(*, actor, decision: Decision, change_kind: str, changed_on: date, reason: str) -> Decision:
    """A published decision was changed, revoked or annulled: it must be withdrawn within 3 working days
    with the reason made public (《行政处罚法》第四十八条第二款、第八十五条)."""
    require(actor, "enforcement.manage", decision)
    reason = (reason or "").strip()
    if change_kind not in ChangeKind.values:
        raise ValidationFailed("请选择变更情形。", field="change_kind")
    if not reason:
        raise ValidationFailed(
            "请填写撤回理由；依《行政处罚法》第四十八条第二款，撤回须公开说明理由。", field="reason"
        )
    if not isinstance(changed_on, date) or changed_on > timezone.localdate():
        raise ValidationFailed("请填写变更、撤销或确认无效的日期（不晚于今天）。", field="changed_on")
    with transaction.atomic():
        decision = fetch_for(actor, Decision, decision.pk, lock=True)
        if decision.status != DecisionStatus.PUBLISHED:
            raise InvalidTransition("只有已公开的执法决定才需要撤回。")
        if decision.changed_on is not None:
            raise Conflict("该决定已登记变更情形。")
        if changed_on < decision.decided_on:
            raise ValidationFailed("变更日期不能早于决定日期。", field="changed_on")
        decision.change_kind, decision.changed_on, decision.change_reason = change_kind, changed_on, reason
        decision.withdraw_due_on = clock.withdrawal_due_on(changed_on, _calendar())
        decision.save(update_fields=["change_kind", "changed_on", "change_reason", "withdraw_due_on"])
        _event(
            actor=actor,
            obj=decision,
            action="changed",
            note=reason,
            after={
                "change_kind": change_kind,
                "changed_on": changed_on,
                "withdraw_due_on": decision.withdraw_due_on,
            },
        )
    return decision


def record_withdrawal(*, actor, decision: Decision, reason: str) -> None:
    decision = fetch_for(actor, Decision, decision.pk, lock=True, department_field=None)
    decision.status, decision.withdrawn_at = DecisionStatus.WITHDRAWN, timezone.now()
    if not decision.change_reason:
        decision.change_reason = reason
    decision.save(update_fields=["status", "withdrawn_at", "change_reason"])
    _event(actor=actor, obj=decision, action="withdrawn", note=reason)
    from ..search import sync_decision

    sync_decision(decision)
