"""Audit kinds recorded by outbox (see core/event_kinds.py)."""

from gongkai.core.event_kinds import register, register_group

register_group("outbox", "消息发送")
register(
    {
        "outbox.retried": "重新发送消息",
        "outbox.endpoint_created": "新增 Webhook 接收端",
        "outbox.endpoint_changed": "修改 Webhook 接收端",
    }
)
