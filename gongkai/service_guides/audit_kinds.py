"""Audit kinds recorded by service_guides (see core/event_kinds.py)."""

from gongkai.core.event_kinds import register, register_group

register_group("service_guides", "办事指南")
register(
    {
        "service_guides.created": "新建服务事项",
        "service_guides.edited": "修改办事指南",
        "service_guides.revision_started": "开始修订办事指南",
        "service_guides.material_saved": "保存申请材料",
        "service_guides.material_deleted": "删除申请材料",
        "service_guides.file_set": "上传表格或样表",
        "service_guides.published": "公布办事指南",
        "service_guides.withdrawn": "撤回办事指南",
        "service_guides.error_reported": "收到纠错",
        "service_guides.error_handled": "处理纠错",
    }
)
