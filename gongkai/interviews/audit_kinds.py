"""Audit kinds recorded by interviews (see core/event_kinds.py)."""

from gongkai.core.event_kinds import register, register_group

register_group("interview", "在线访谈")
register(
    {
        "interview.saved": "保存访谈",
        "interview.entry_posted": "发布访谈实录",
        "interview.question_asked": "收到网民提问",
        "interview.question_moderated": "审核网民提问",
    }
)
