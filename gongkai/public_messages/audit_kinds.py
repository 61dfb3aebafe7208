"""Audit kinds recorded by public_messages (see core/event_kinds.py)."""

from gongkai.core.event_kinds import register, register_group

register_group("message", "留言")
register(
    {
        "message.received": "收到留言",
        "message.assign": "分办留言",
        "message.reply": "答复留言",
        "message.reject": "留言不予受理",
        "message.escalated": "留言督办",
        "message.moderated": "留言公开审核",
        "message.rated": "留言人评价",
    }
)
register(
    {
        "message.link_reissued": "补发查询链接",
    }
)
