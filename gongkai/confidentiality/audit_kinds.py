"""Audit kinds recorded by confidentiality (see core/event_kinds.py)."""

from gongkai.core.event_kinds import register, register_group

register_group("confidentiality", "保密审查")
register_group("negative_list", "负面清单")
register(
    {
        "confidentiality.scanned": "保密审查扫描",
        "confidentiality.finding_overridden": "确认忽略扫描发现",
        "negative_list.created": "新增负面清单条目",
        "negative_list.changed": "修改负面清单条目",
        "negative_list.deactivated": "停用负面清单条目",
    }
)
