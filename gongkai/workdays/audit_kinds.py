"""Audit kinds recorded by workdays (see core/event_kinds.py)."""

from gongkai.core.event_kinds import register, register_group

register_group("workdays", "工作日历")
register(
    {
        "workdays.year_seeded": "载入年度节假日安排",
        "workdays.day_added": "添加节假日或调休日",
        "workdays.day_removed": "删除节假日或调休日",
        "workdays.year_announced": "确认年度安排已公布",
        "workdays.year_imported": "导入年度节假日安排",
    }
)
