"""Audit kinds recorded by annual_reports (see core/event_kinds.py)."""

from gongkai.core.event_kinds import register, register_group

register_group("annual_reports", "年度报告")
register(
    {
        "annual_reports.created": "新建年度报告",
        "annual_reports.edited": "修改年度报告",
        "annual_reports.submitted": "提交年度报告",
        "annual_reports.published": "发布年度报告",
        "annual_reports.withdrawn": "撤回年度报告",
    }
)
