"""Who may approve (批准发布): the agency's 分管领导 (role `approver`, permission publishing.approve) and
the agency's 代理审批人 named by an administrator (issue 11.16). Four eyes still apply to both: the
services refuse an approver who is the author (ADR 0009)."""

from gongkai.accounts.permissions import has_perm, is_read_only

from .models import SubstituteApprover


def active_substitute(agency_id) -> SubstituteApprover | None:
    if agency_id is None:
        return None
    return (
        SubstituteApprover.objects.select_related("user")
        .filter(agency_id=agency_id, ended_at__isnull=True)
        .first()
    )


def is_substitute_approver(user) -> bool:
    if not has_perm(user, "office.enter") or is_read_only(user):
        return False
    return SubstituteApprover.objects.filter(
        agency_id=user.agency_id, user_id=user.pk, ended_at__isnull=True
    ).exists()


def can_approve(user) -> bool:
    """批准发布 and 退回修改 from 待领导审批: the approver role, or the agency's substitute approver."""
    return has_perm(user, "publishing.approve") or is_substitute_approver(user)
