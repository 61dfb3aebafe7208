"""Audit kinds recorded by newmedia (see core/event_kinds.py)."""

from gongkai.core.event_kinds import register, register_group

register_group("newmedia", "政务新媒体")
register(
    {
        "newmedia.account_opened": "登记新媒体账号",
        "newmedia.account_changed": "变更新媒体账号",
        "newmedia.account_closed": "关停新媒体账号",
        "newmedia.update_recorded": "记录账号更新",
        "newmedia.post_drafted": "起草新媒体发布",
    }
)
