"""Audit kinds recorded by the annual self-inspection (see core/event_kinds.py)."""

from gongkai.core.event_kinds import register, register_group

register_group("self_inspection", "年度自查")
register(
    {
        "self_inspection.campaign_created": "发起年度自查",
        "self_inspection.entries_collected": "更新年度自查清单",
        "self_inspection.entry_decided": "作出自查决定",
        "self_inspection.negative_reviewed": "审查负面清单条目",
        "self_inspection.campaign_closed": "完成年度自查",
    }
)
