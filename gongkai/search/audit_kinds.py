"""Audit kinds recorded by search (see core/event_kinds.py)."""

from gongkai.core.event_kinds import register, register_group

register_group("search", "站内搜索")
register(
    {
        "search.synonyms_added": "添加检索同义词",
        "search.synonyms_changed": "修改检索同义词",
        "search.synonyms_removed": "删除检索同义词",
    }
)
