"""Audit kinds recorded by key_tasks (see core/event_kinds.py)."""

from gongkai.core.event_kinds import register, register_group

register_group("key_task", "重点任务")
register_group("finding", "督查整改")
register_group("case_notice", "问责通报")
register(
    {
        "key_task.saved": "保存重点任务",
        "key_task.milestone_saved": "保存节点",
        "key_task.progress_reported": "报送进展",
        "finding.raised": "登记督查发现问题",
        "finding.rectification_submitted": "报送整改情况",
        "finding.confirmed": "确认整改完成",
        "finding.returned": "退回整改",
        "case_notice.saved": "保存问责通报",
    }
)
