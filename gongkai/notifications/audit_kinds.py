"""Audit kinds recorded by notifications (see core/event_kinds.py)."""

from gongkai.core.event_kinds import register, register_group

register_group("notifications", "通知与订阅")
register(
    {
        "notifications.preference_changed": "修改通知设置",
    }
)
