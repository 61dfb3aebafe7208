"""Audit kinds recorded by publishing (see core/event_kinds.py)."""

from gongkai.core.event_kinds import register, register_group

register_group("publishing", "发布流程")
register(
    {
        "publishing.started": "发起发布流程",
        "publishing.submitted": "提交保密审查",
        "publishing.review_passed": "保密审查通过",
        "publishing.returned": "退回修改",
        "publishing.approved": "批准发布",
        "publishing.published": "发布",
        "publishing.withdrawn": "撤回",
        "publishing.superseded": "被新版本取代",
    }
)
register(
    {
        "publishing.substitute_named": "指定代理审批人",
        "publishing.substitute_ended": "取消代理审批人",
    }
)
register(
    {
        "publishing.approval_reopened": "撤销批准，重新审批",
        "publishing.urgent_approved": "紧急发布",
    }
)
