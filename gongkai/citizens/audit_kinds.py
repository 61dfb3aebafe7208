"""Audit kinds recorded by citizens (see core/event_kinds.py)."""

from gongkai.core.event_kinds import register, register_group

register_group("citizen", "公众账号")
register(
    {
        "citizen.signed_in": "公众登录",
        "citizen.identifier_added": "公众账号绑定联系方式",
    }
)
