"""Audit kinds recorded by incidents (see core/event_kinds.py)."""

from gongkai.core.event_kinds import register, register_group

register_group("incidents", "政务舆情")
register(
    {
        "incidents.registered": "登记舆情",
        "incidents.severity_changed": "调整舆情级别",
        "incidents.release_drafted": "起草权威发布",
        "incidents.release_edited": "修改发布稿",
        "incidents.press_conference": "登记新闻发布会",
        "incidents.closed": "结束舆情处置",
    }
)
