"""Audit kinds recorded by the city platform (see core/event_kinds.py)."""

from gongkai.core.event_kinds import register, register_group

register_group("agency", "机关（平台管理）")
register(
    {
        "agency.created": "新建机关",
        "agency.updated": "修改机关信息",
        "agency.closed": "关闭机关",
        "agency.reopened": "重新启用机关",
        "agency.administrator_named": "指定机关系统管理员",
        "agency.staff_moved": "工作人员调往其他机关",
        "agency.staff_arrived": "工作人员从其他机关调入",
        "agency.rule_set": "设置本机关规则",
        "agency.rule_reset": "恢复平台默认规则",
        "agency.portal_settings_updated": "修改市政府门户网站设置",
    }
)
