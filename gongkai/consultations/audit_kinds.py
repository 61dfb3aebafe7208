"""Audit kinds recorded by consultations (see core/event_kinds.py)."""

from gongkai.core.event_kinds import register, register_group

register_group("consultation", "征求意见")
register(
    {
        "consultation.created": "新建征求意见",
        "consultation.updated": "修改征求意见",
        "consultation.window_moved": "调整征求期限",
        "consultation.attachment_added": "添加附件",
        "consultation.closed": "结束征求意见",
        "consultation.comment_submitted": "收到意见",
        "consultation.comment_registered": "登记线下意见",
        "consultation.comment_approved": "意见审核通过",
        "consultation.comment_hidden": "意见不予公开",
        "consultation.disposition_recorded": "记录意见采纳情况",
        "consultation.report_generated": "生成意见采纳情况说明",
        "consultation.report_published": "公布意见采纳情况",
        "consultation.hearing_saved": "保存听证会记录",
        "consultation.final_text_recorded": "登记最终文本",
        "consultation.final_article_added": "添加最终条文",
        "consultation.decision_linked": "关联决策文件",
    }
)
