"""代理审批人 (issue 11.16): an administrator names the agency's substitute approver, or ends the naming."""

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.guard import require
from gongkai.accounts.permissions import has_perm, is_read_only, same_agency
from gongkai.core import audit
from gongkai.core.errors import Conflict, ValidationFailed

from .models import SubstituteApprover
from .reasons import clean_reason as _reason


def _substitute_snapshot(substitute: SubstituteApprover | None) -> dict | None:
    if substitute is None:
        return None
    return {"user": substitute.user_id, "user_name": str(substitute.user), "reason": substitute.reason}


def name_substitute_approver(*, actor, user, reason: str) -> SubstituteApprover:
    """An administrator names the agency's 代理审批人 (replacing the current one, which is ended)."""
    require(actor, "publishing.substitute")
    reason = _reason(reason, label="指定理由")
    if user is None or not same_agency(actor, user) or not user.is_active:
        raise ValidationFailed("请选择本机关在职的工作人员。", field="user")
    if not has_perm(user, "office.enter") or is_read_only(user):
        raise ValidationFailed(
            "代理审批人须是已分配办理角色的工作人员（只读的监督账号不能审批）。", field="user"
        )
    with transaction.atomic():
        now = timezone.now()
        current = (
            SubstituteApprover.objects.select_for_update()
            .filter(agency_id=actor.agency_id, ended_at__isnull=True)
            .first()
        )
        before = _substitute_snapshot(current)
        if current is not None:
            if current.user_id == user.pk:
                raise Conflict(f"{user}已是本机关的代理审批人。")
            current.ended_at, current.ended_by = now, actor
            current.save(update_fields=["ended_at", "ended_by"])
        substitute = SubstituteApprover.objects.create(
            agency_id=actor.agency_id, user=user, reason=reason, named_by=actor, named_at=now
        )
        audit.record(
            actor=actor,
            verb="publishing.substitute_named",
            obj=substitute,
            agency=actor.agency,
            before=before,
            after=_substitute_snapshot(substitute),
        )
    return substitute


def end_substitute_approver(*, actor) -> SubstituteApprover:
    """An administrator ends the agency's 代理审批人 (the row stays as history)."""
    require(actor, "publishing.substitute")
    with transaction.atomic():
        current = (
            SubstituteApprover.objects.select_for_update()
            .filter(agency_id=actor.agency_id, ended_at__isnull=True)
            .first()
        )
        if current is None:
            raise Conflict("本机关当前没有代理审批人。")
        current.ended_at, current.ended_by = timezone.now(), actor
        current.save(update_fields=["ended_at", "ended_by"])
        audit.record(
            actor=actor,
            verb="publishing.substitute_ended",
            obj=current,
            agency=actor.agency,
            before=_substitute_snapshot(current),
        )
    return current
