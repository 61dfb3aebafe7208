"""Audit kinds recorded by responsibilities (see core/event_kinds.py)."""

from gongkai.core.event_kinds import register, register_group

register_group("responsibilities", "权责清单")
register(
    {
        "responsibilities.adjustment_started": "开始调整清单",
        "responsibilities.item_saved": "保存职权事项",
        "responsibilities.item_deleted": "删除职权事项",
        "responsibilities.published": "公布清单版本",
        "responsibilities.withdrawn": "撤回清单版本",
    }
)
