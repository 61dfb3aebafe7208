"""Audit kinds recorded by results (see core/event_kinds.py)."""

from gongkai.core.event_kinds import register, register_group

register_group("results", "结果公开")
register(
    {
        "results.plan_saved": "保存发展规划",
        "results.project_saved": "保存为民办实事项目",
        "results.decision_saved": "保存重大决策",
        "results.evaluation_saved": "保存评估",
        "results.work_report_saved": "保存政府工作报告",
        "results.work_report_task_added": "分解工作报告任务",
    }
)
