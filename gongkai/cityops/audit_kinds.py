"""Audit kinds recorded by cityops (see core/event_kinds.py)."""

from gongkai.core.event_kinds import register, register_group

register_group("supervision_notice", "督办通知")
register_group("table_submission", "年报统计表报送")
register(
    {
        "supervision_notice.issued": "发出督办通知",
        "supervision_notice.answered": "答复督办通知",
        "table_submission.submitted": "报送年报统计表",
        "table_submission.replaced": "重新报送年报统计表",
    }
)
