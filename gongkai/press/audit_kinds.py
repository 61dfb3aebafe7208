"""Audit kinds recorded by press (see core/event_kinds.py)."""

from gongkai.core.event_kinds import register, register_group

register_group("press", "新闻发布")
register(
    {
        "press.spokesperson_saved": "保存新闻发言人",
        "press.conference_saved": "保存新闻发布会",
        "press.attachment_added": "添加发布会附件",
        "press.entry_added": "发布文字直播",
        "press.conference_held": "登记发布会已举行",
        "press.media_request_received": "收到媒体采访申请",
        "press.media_request_answered": "答复媒体采访申请",
    }
)
