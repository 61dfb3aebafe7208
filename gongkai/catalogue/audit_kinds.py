"""Audit kinds recorded by catalogue (see core/event_kinds.py)."""

from gongkai.core.event_kinds import register, register_group

register_group("catalogue", "政府信息")
register(
    {
        "catalogue.item_created": "新建政府信息",
        "catalogue.revision_edited": "修改草稿",
        "catalogue.revision_published": "发布政府信息",
        "catalogue.revision_withdrawn": "撤回政府信息",
        "catalogue.correction_started": "发起更正",
        "catalogue.attachment_added": "添加附件",
        "catalogue.attachment_removed": "删除附件",
        "catalogue.node_saved": "保存目录节点",
        "catalogue.settings_saved": "保存公开设置",
        "catalogue.imported": "批量导入政府信息",
        # API tokens live in accounts now (api_token.*); these two label events recorded before the move.
        "catalogue.api_token_issued": "签发接口令牌",
        "catalogue.api_token_revoked": "吊销接口令牌",
        "catalogue.normative_registered": "登记规范性文件",
        "catalogue.normative_status_changed": "变更规范性文件效力",
        "catalogue.normative_cleanup_applied": "按清理结果变更效力",
        "catalogue.normative_expired": "规范性文件到期失效",
        "catalogue.normative_expiry_reminder": "规范性文件到期提醒",
        "catalogue.cleanup_created": "新建文件清理",
        "catalogue.cleanup_decided": "记录清理结论",
        "catalogue.cleanup_decision_removed": "删除清理结论",
        "catalogue.cleanup_published": "公布清理结果",
    }
)

# An agency's columns (栏目, issue 18 item 4, ADR 0050).
register_group("column", "栏目管理")
register(
    {
        "column.added": "新增栏目",
        "column.updated": "修改栏目",
        "column.moved": "调整栏目顺序",
        "column.hidden": "隐藏栏目",
        "column.shown": "显示栏目",
        "column.merged": "合并栏目",
        "column.unmerged": "取消栏目合并",
    }
)
