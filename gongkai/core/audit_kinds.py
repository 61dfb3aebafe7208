"""Audit kinds recorded by core (see core/event_kinds.py)."""

from .event_kinds import register, register_group

register_group("access", "访问控制")
register({"access.denied": "越权操作被拒绝"})
