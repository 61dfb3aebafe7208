"""The public reason of a workflow step (退回, 撤回, 紧急发布, 代理审批人): required, bounded."""

from gongkai.core.errors import ValidationFailed

REASON_MAX = 2000


def clean_reason(reason: str, *, field: str = "reason", label: str = "理由") -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(f"请填写{label}。", field=field)
    if len(reason) > REASON_MAX:
        raise ValidationFailed(f"{label}不能超过 {REASON_MAX} 字。", field=field)
    return reason
